/**
 * /builds/:build — the build page, its live fragment, and its actions
 * (cancel, rebuild with parameters). Actions post forms (CSRF-checked) and
 * redirect, so they work without JavaScript.
 */
import { Hono } from 'hono';
import { findBuild } from '../../controller/api/resolve.ts';
import { queueBuild } from '../../controller/api/routes/trigger.ts';
import { logKey } from '../../controller/scheduler/context.ts';
import { notFound } from '../../controller/errors.ts';
import type { WebEnv } from '../auth/middleware.ts';
import { requireAction, signedIn } from '../auth/middleware.ts';
import { LOG_PAGE } from '../components/log-panel.tsx';
import type { LogPanelProps } from '../components/log-panel.tsx';
import { defaultStream, loadBuildPage } from '../data/build-data.ts';
import type { BuildPageData } from '../pages/build.tsx';
import { BuildLive, BuildPage } from '../pages/build.tsx';
import type { WebDeps } from '../deps.ts';
import { apiDeps, paramsFromForm, type Guard } from './common.ts';
import { liveFragment } from './live.ts';
import { render } from '../components/render.ts';

export function buildRoutes(deps: WebDeps, guard: Guard): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/builds/:build', ...guard, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    const data = await loadBuildPage(deps, build);
    const stream = c.req.query('log') ?? defaultStream(data);
    if (!data.build.streams.some((s) => s.stream === stream))
      throw notFound(`no log stream ${stream}`);
    const log = await logPanel(deps, data, stream, c.req.query('from'));
    return c.html(
      <BuildPage
        assets={deps.assets}
        user={signedIn(c)}
        data={data}
        log={log}
        pinned={c.req.query('log') ?? null}
      />,
    );
  });

  app.get('/builds/:build/live', ...guard, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    const user = signedIn(c);
    const pinned = c.req.query('log') ?? null;
    return liveFragment(c, deps, {
      topics: [{ kind: 'build', buildId: build.id }, { kind: 'queue' }],
      render: async () => {
        const now = (await deps.store.getBuild(build.id)) ?? build;
        const data = await loadBuildPage(deps, now);
        const stream = pinned ?? defaultStream(data);
        const html = await render(<BuildLive user={user} data={data} oob={{ stream }} />);
        return { html, done: now.status === 'finished' };
      },
    });
  });

  app.post('/builds/:build/cancel', ...guard, requireAction('trigger'), async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    await deps.scheduler.cancel(build.id, signedIn(c).name);
    return c.redirect(`/builds/${encodeURIComponent(build.id)}`, 303);
  });

  app.post('/builds/:build/rebuild', ...guard, requireAction('trigger'), async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    const project = await deps.store.getProject(build.projectId);
    if (!project) throw notFound('the project of this build is gone');
    const params = paramsFromForm(await c.req.parseBody({ all: true }), build.params);
    const again = await queueBuild(
      apiDeps(deps),
      { ...project, repoUrl: build.repoUrl },
      {
        ref: build.ref ?? undefined,
        commit: build.commit ?? undefined,
        params,
        pipelineFile: build.pipelineFile,
      },
      signedIn(c).name,
      { rebuildOf: build.id },
    );
    return c.redirect(`/builds/${encodeURIComponent(again.id)}`, 303);
  });
  return app;
}

async function logPanel(
  deps: WebDeps,
  data: BuildPageData,
  stream: string,
  fromQuery: string | undefined,
): Promise<LogPanelProps> {
  const { build } = data;
  const key = logKey(build.id, stream);
  const total = await deps.logs.lineCount(key);
  const lastPage = Math.max(0, Math.floor((total - 1) / LOG_PAGE) * LOG_PAGE);
  const asked = Number(fromQuery);
  // Without a page asked for, a running build shows its tail: that is where the news is.
  const from =
    Number.isInteger(asked) && asked >= 0
      ? Math.min(asked - (asked % LOG_PAGE), lastPage)
      : build.status === 'finished'
        ? 0
        : lastPage;
  return {
    buildId: build.id,
    streams: build.streams,
    stream,
    total,
    finished: build.status === 'finished',
    from,
    lines: await deps.logs.readLines(key, from, from + LOG_PAGE),
  };
}
