/** /api/projects: list, create, update, and queue a build of a project. */
import { Hono } from 'hono';
import { z } from 'zod';
import { conflict, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { ProjectRecord } from '../../store/records.ts';
import type { AuthEnv } from '../auth.ts';
import { requireScope } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { queueBuild, triggerBody } from './trigger.ts';

export const projectInput = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, . _ - (at most 100)'),
  repo: z.string().min(1),
  pipelineFile: z.string().default('Jenkinsfile'),
  branches: z.array(z.string()).default([]),
  defaultBranch: z.string().default('main'),
  webhookSecret: z.string().nullable().default(null),
  statusRepo: z.string().nullable().default(null),
  statusCredential: z.string().nullable().default(null),
  /** GitHub API base for commit statuses; null = the server's. */
  statusBaseUrl: z.url().nullable().default(null),
});
export type ProjectInput = z.infer<typeof projectInput>;

export function projectView(
  p: ProjectRecord,
): Omit<ProjectRecord, 'webhookSecret'> & { webhook: boolean } {
  const { webhookSecret, ...rest } = p;
  return { ...rest, webhook: webhookSecret !== null };
}

/** Creates the project or updates it to match (rig.server.yaml, `rig projects add`). */
export async function upsertProject(deps: ApiDeps, input: ProjectInput): Promise<ProjectRecord> {
  const fields = {
    name: input.name,
    repoUrl: input.repo,
    pipelineFile: input.pipelineFile,
    branchFilters: input.branches,
    defaultBranch: input.defaultBranch,
    webhookSecret: input.webhookSecret,
    statusRepo: input.statusRepo,
    statusCredentialId: input.statusCredential,
    statusBaseUrl: input.statusBaseUrl,
  };
  const existing = await deps.store.getProject(input.name);
  const project = existing
    ? { ...existing, ...fields }
    : await deps.store.createProject({ id: newId('p'), ...fields });
  if (existing) await deps.store.updateProject(existing.id, fields);
  // Triggers live in the pipeline: read them now rather than at the first build.
  void deps.scheduler.refreshTriggers(project);
  return project;
}

export function projectRoutes(deps: ApiDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const read = requireScope(deps.store, 'read');
  app.get('/', read, async (c) =>
    c.json({ projects: (await deps.store.listProjects()).map(projectView) }),
  );
  app.get('/:project', read, async (c) => {
    const p = await deps.store.getProject(c.req.param('project'));
    if (!p) throw notFound(`no project ${c.req.param('project')}`);
    return c.json(projectView(p));
  });
  app.post('/', requireScope(deps.store, 'admin'), async (c) => {
    const input = await parseBody(c, projectInput);
    if (await deps.store.getProject(input.name))
      throw conflict(`project ${input.name} exists; PUT to change it`);
    return c.json(projectView(await upsertProject(deps, input)), 201);
  });
  app.put('/:project', requireScope(deps.store, 'admin'), async (c) => {
    const input = await parseBody(c, projectInput);
    return c.json(
      projectView(await upsertProject(deps, { ...input, name: c.req.param('project') })),
    );
  });
  app.post('/:project/builds', requireScope(deps.store, 'trigger'), async (c) => {
    const p = await deps.store.getProject(c.req.param('project'));
    if (!p) throw notFound(`no project ${c.req.param('project')}`);
    const body = await parseBody(c, triggerBody);
    const build = await queueBuild(deps, p, body, c.get('token').name);
    return c.json({ id: build.id, project: p.name, number: build.number }, 201);
  });
  return app;
}
