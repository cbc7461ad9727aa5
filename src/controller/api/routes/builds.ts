/** /api/builds: submit, list, show, cancel, rebuild, and a live "something changed" stream. */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { AuthEnv } from '../auth.ts';
import { requireScope } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { buildView } from '../read-models.ts';
import { findBuild } from '../resolve.ts';
import { projectForRepo, queueBuild, triggerBody } from './trigger.ts';
import { badRequest, notFound } from '../../errors.ts';
import type { BuildStatus } from '../../store/records.ts';

const submitBody = triggerBody.extend({
  project: z.string().optional(),
  repo: z.string().optional(),
});

export function buildRoutes(deps: ApiDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const read = requireScope(deps.store, 'read');
  const trigger = requireScope(deps.store, 'trigger');

  app.post('/', trigger, async (c) => {
    const body = await parseBody(c, submitBody);
    let project =
      body.project === undefined ? undefined : await deps.store.getProject(body.project);
    if (body.project !== undefined && !project) throw notFound(`no project ${body.project}`);
    if (!project) {
      if (body.repo === undefined) throw badRequest('give a project or a repo');
      project = await projectForRepo(deps, body.repo, body.pipelineFile ?? 'Jenkinsfile');
    }
    const build = await queueBuild(deps, project, body, c.get('token').name);
    return c.json({ id: build.id, project: project.name, number: build.number }, 201);
  });

  app.get('/', read, async (c) => {
    const project = c.req.query('project');
    const p = project === undefined ? undefined : await deps.store.getProject(project);
    if (project !== undefined && !p) throw notFound(`no project ${project}`);
    const status = c.req.query('status')?.split(',') as BuildStatus[] | undefined;
    const limit = Math.min(Number(c.req.query('limit') ?? 50) || 50, 500);
    const builds = await deps.store.listBuilds({
      ...(p ? { projectId: p.id } : {}),
      ...(status ? { status } : {}),
      limit,
    });
    const names = new Map((await deps.store.listProjects()).map((x) => [x.id, x.name]));
    return c.json({
      builds: builds.map(({ projectId, ...b }) => ({
        ...b,
        project: names.get(projectId) ?? projectId,
      })),
    });
  });

  app.get('/:build', read, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    return c.json(await buildView(deps.store, deps.logs, build));
  });

  app.post('/:build/cancel', trigger, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    const after = await deps.scheduler.cancel(build.id, c.get('token').name);
    return c.json({ id: build.id, status: after?.status, result: after?.result ?? null }, 202);
  });

  app.post('/:build/rebuild', trigger, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    const body = await parseBody(c, z.object({ params: triggerBody.shape.params.optional() }));
    const project = await deps.store.getProject(build.projectId);
    if (!project) throw notFound('the project of this build is gone');
    const again = await queueBuild(
      deps,
      { ...project, repoUrl: build.repoUrl },
      {
        ref: build.ref ?? undefined,
        commit: build.commit ?? undefined,
        params: body.params ?? build.params,
        pipelineFile: build.pipelineFile,
      },
      c.get('token').name,
      { rebuildOf: build.id },
    );
    return c.json({ id: again.id, project: project.name, number: again.number }, 201);
  });

  // Each message says "build changed": clients re-read GET /api/builds/:build.
  app.get('/:build/updates', read, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    return streamSSE(c, async (stream) => {
      let n = 0;
      const unsubscribe = deps.bus.subscribe({ kind: 'build', buildId: build.id }, () => {
        void stream.writeSSE({ event: 'changed', data: '{}', id: String(++n) });
      });
      stream.onAbort(unsubscribe);
      while (!stream.aborted) {
        const now = await deps.store.getBuild(build.id);
        if (now?.status === 'finished') {
          await stream.writeSSE({
            event: 'finished',
            data: JSON.stringify({ result: now.result }),
          });
          break;
        }
        await stream.sleep(15_000);
      }
      unsubscribe();
    });
  });
  return app;
}
