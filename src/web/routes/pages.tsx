/** The read-mostly pages: dashboard, project, queue, agents (each with its live fragment). */
import { Hono } from 'hono';
import { z } from 'zod';
import { queueView } from '../../controller/api/read-models.ts';
import { queueBuild } from '../../controller/api/routes/trigger.ts';
import { notFound } from '../../controller/errors.ts';
import type { WebEnv } from '../auth/middleware.ts';
import { requireAction, signedIn } from '../auth/middleware.ts';
import type { BuildRowData } from '../components/build-row.tsx';
import { loadAgents, onlineAgents } from '../data/agents-data.ts';
import { loadDashboard } from '../data/dashboard-data.ts';
import { parameterDefs, pipelineAt } from '../data/pipeline-info.ts';
import type { WebDeps } from '../deps.ts';
import { AgentsLive, AgentsPage } from '../pages/agents.tsx';
import { DashboardLive, DashboardPage } from '../pages/dashboard.tsx';
import { ProjectPage } from '../pages/project.tsx';
import { QueueLive, QueuePage } from '../pages/queue.tsx';
import { apiDeps, paramsFromForm, type Guard } from './common.ts';
import { liveFragment } from './live.ts';
import { render } from '../components/render.ts';

const PROJECT_PAGE = 25;

export function pageRoutes(deps: WebDeps, guard: Guard): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const always = async (html: () => Promise<string>): Promise<{ html: string; done: boolean }> => ({
    html: await html(),
    done: false,
  });

  app.get('/', ...guard, async (c) => {
    const data = await loadDashboard(deps, c.req.query('q') ?? '');
    return c.html(<DashboardPage assets={deps.assets} user={signedIn(c)} data={data} />);
  });
  app.get('/live/dashboard', ...guard, (c) =>
    liveFragment(c, deps, {
      topics: [{ kind: 'queue' }],
      render: () =>
        always(async () =>
          render(<DashboardLive data={await loadDashboard(deps, c.req.query('q') ?? '')} />),
        ),
    }),
  );

  app.get('/queue', ...guard, async (c) =>
    c.html(
      <QueuePage
        assets={deps.assets}
        user={signedIn(c)}
        queue={await queueView(deps.store)}
        agents={await onlineAgents(deps)}
        now={deps.now()}
      />,
    ),
  );
  app.get('/live/queue', ...guard, (c) =>
    liveFragment(c, deps, {
      topics: [{ kind: 'queue' }, { kind: 'agents' }],
      render: () =>
        always(async () =>
          render(
            <QueueLive
              queue={await queueView(deps.store)}
              agents={await onlineAgents(deps)}
              now={deps.now()}
            />,
          ),
        ),
    }),
  );

  app.get('/agents', ...guard, async (c) =>
    c.html(
      <AgentsPage
        assets={deps.assets}
        user={signedIn(c)}
        rows={await loadAgents(deps)}
        now={deps.now()}
      />,
    ),
  );
  app.get('/live/agents', ...guard, (c) => {
    const user = signedIn(c);
    return liveFragment(c, deps, {
      topics: [{ kind: 'agents' }, { kind: 'queue' }],
      render: () =>
        always(async () =>
          render(<AgentsLive user={user} rows={await loadAgents(deps)} now={deps.now()} />),
        ),
    });
  });
  app.post('/agents/:name/drain', ...guard, requireAction('admin'), async (c) => {
    const form = await c.req.parseBody();
    const res = await apiAgentDrain(deps, c.req.param('name'), form.drain !== 'false');
    if (!res) throw notFound(`no agent ${c.req.param('name')}`);
    return c.redirect('/agents', 303);
  });

  app.get('/projects/:name', ...guard, async (c) => {
    const project = await deps.store.getProject(c.req.param('name'));
    if (!project) throw notFound(`no project ${c.req.param('name')}`);
    const before = z.coerce.number().int().positive().optional().safeParse(c.req.query('before'));
    const builds = await deps.store.listBuilds({
      projectId: project.id,
      limit: PROJECT_PAGE + 1,
      ...(before.success && before.data ? { beforeQueuedAt: before.data } : {}),
    });
    const shown: BuildRowData[] = builds
      .slice(0, PROJECT_PAGE)
      .map(({ projectId: _p, ...b }) => ({ ...b, project: project.name }));
    const pipeline = await pipelineAt(
      deps,
      project.repoUrl,
      project.defaultBranch,
      project.pipelineFile,
    );
    return c.html(
      <ProjectPage
        assets={deps.assets}
        user={signedIn(c)}
        project={project}
        builds={shown}
        params={parameterDefs(pipeline, shown[0]?.params ?? {})}
        olderThan={builds.length > PROJECT_PAGE ? (shown.at(-1)?.queuedAt ?? null) : null}
        now={deps.now()}
      />,
    );
  });

  app.post('/projects/:name/builds', ...guard, requireAction('trigger'), async (c) => {
    const project = await deps.store.getProject(c.req.param('name'));
    if (!project) throw notFound(`no project ${c.req.param('name')}`);
    const form = await c.req.parseBody({ all: true });
    const ref =
      typeof form.ref === 'string' && form.ref.trim() !== '' ? form.ref.trim() : undefined;
    const build = await queueBuild(
      apiDeps(deps),
      project,
      { ref, params: paramsFromForm(form, {}) },
      signedIn(c).name,
    );
    return c.redirect(`/builds/${encodeURIComponent(build.id)}`, 303);
  });
  return app;
}

/** What POST /api/agents/:name/drain does, for the agents page's button. */
async function apiAgentDrain(deps: WebDeps, name: string, drain: boolean): Promise<boolean> {
  const agent = await deps.store.getAgentByName(name);
  if (!agent) return false;
  const live = deps.fleet.get(agent.id);
  if (live) live.draining = drain;
  await deps.store.updateAgent(agent.id, {
    status: drain ? 'draining' : live?.link ? 'online' : 'offline',
  });
  deps.bus.publish({ kind: 'agents' });
  deps.scheduler.ctx.kick();
  return true;
}
