/** /builds/:build/tests, /artifacts and artifact downloads. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { findBuild } from '../../controller/api/resolve.ts';
import { buildDir, safePath } from '../../controller/api/routes/files.ts';
import { testReport } from '../../controller/api/routes/test-report.ts';
import { notFound } from '../../controller/errors.ts';
import type { WebEnv } from '../auth/middleware.ts';
import { signedIn } from '../auth/middleware.ts';
import { loadBuildPage } from '../data/build-data.ts';
import type { WebDeps } from '../deps.ts';
import { ArtifactsPage } from '../pages/artifacts.tsx';
import { TestsPage } from '../pages/tests.tsx';
import type { Guard } from './common.ts';

export function buildFileRoutes(deps: WebDeps, guard: Guard): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/builds/:build/tests', ...guard, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    const [data, report] = await Promise.all([
      loadBuildPage(deps, build),
      testReport(deps.store, build),
    ]);
    return c.html(
      <TestsPage assets={deps.assets} user={signedIn(c)} data={data} tests={report.tests} />,
    );
  });

  app.get('/builds/:build/artifacts', ...guard, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    const [data, artifacts] = await Promise.all([
      loadBuildPage(deps, build),
      deps.store.listArtifacts(build.id),
    ]);
    return c.html(
      <ArtifactsPage assets={deps.assets} user={signedIn(c)} data={data} artifacts={artifacts} />,
    );
  });

  app.get('/builds/:build/artifacts/*', ...guard, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    // The build segment holds no slash, so the first /artifacts/ ends it.
    const path = new URL(c.req.url).pathname;
    const encoded = path.slice(path.indexOf('/artifacts/') + '/artifacts/'.length);
    const rel = encoded.split('/').map(decodeURIComponent).join('/');
    const known = (await deps.store.listArtifacts(build.id)).some((a) => a.path === rel);
    const file = safePath(buildDir(deps.artifactsDir, build.id, 'files'), rel);
    const info = known ? await stat(file).catch(() => undefined) : undefined;
    if (!info?.isFile()) throw notFound(`no artifact ${rel}`);
    const name = rel.split('/').pop() ?? 'artifact';
    c.header('content-type', 'application/octet-stream');
    c.header('content-length', String(info.size));
    c.header(
      'content-disposition',
      `attachment; filename="${name.replace(/["\\\r\n]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    return c.body(Readable.toWeb(createReadStream(file)) as ReadableStream);
  });
  return app;
}
