/** /api/builds/:build/artifacts and /tests: what a build left behind, for people. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { notFound } from '../../errors.ts';
import type { AuthEnv } from '../auth.ts';
import { requireScope } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { findBuild } from '../resolve.ts';
import { buildDir, safePath } from './files.ts';
import { testReport } from './test-report.ts';

export function artifactRoutes(deps: ApiDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const read = requireScope(deps.store, 'read');
  app.get('/:build/artifacts', read, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    return c.json({ artifacts: await deps.store.listArtifacts(build.id) });
  });
  app.get('/:build/artifacts/*', read, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    const rel = decodeURIComponent(c.req.path.split('/artifacts/').slice(1).join('/artifacts/'));
    const file = safePath(buildDir(deps.artifactsDir, build.id, 'files'), rel);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw notFound(`no artifact ${rel}`);
    c.header('content-type', 'application/octet-stream');
    c.header('content-length', String(info.size));
    c.header('content-disposition', `attachment; filename="${rel.split('/').pop() ?? 'artifact'}"`);
    return c.body(Readable.toWeb(createReadStream(file)) as ReadableStream);
  });
  app.get('/:build/tests', read, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    return c.json(await testReport(deps.store, build));
  });
  return app;
}
