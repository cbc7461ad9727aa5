/**
 * /api/agent/jobs/:job/… — what agents send and fetch beside the WebSocket:
 * artifacts (streamed, size-limited), stashes, test results. Agent tokens only,
 * and only for a job that is active.
 */
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { z } from 'zod';
import { forbidden, notFound } from '../../errors.ts';
import type { JobRecord } from '../../store/records.ts';
import type { AuthEnv } from '../auth.ts';
import { requireScope } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { buildDir, receiveFile, safePath } from './files.ts';

const testRows = z.object({
  tests: z.array(
    z.object({
      suite: z.string(),
      className: z.string(),
      name: z.string(),
      status: z.enum(['passed', 'failed', 'skipped', 'error']),
      durationMs: z.number().nonnegative(),
      message: z.string().nullable().default(null),
    }),
  ),
});

export function agentFileRoutes(deps: ApiDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use('*', requireScope(deps.store, 'read', 'agent'));
  const activeJob = async (id: string): Promise<JobRecord> => {
    const job = await deps.store.getJob(id);
    if (!job) throw notFound(`no job ${id}`);
    if (job.status !== 'assigned' && job.status !== 'running')
      throw forbidden(`job ${id} is not active`);
    return job;
  };
  app.put('/:job/artifacts/*', async (c) => {
    const job = await activeJob(c.req.param('job'));
    const rel = decodeURIComponent(c.req.path.split('/artifacts/').slice(1).join('/artifacts/'));
    const file = safePath(buildDir(deps.artifactsDir, job.buildId, 'files'), rel);
    const { size, sha256 } = await receiveFile(c.req.raw.body, file, deps.maxArtifactBytes);
    await deps.store.putArtifact({
      buildId: job.buildId,
      path: rel,
      size,
      sha256,
      createdAt: Date.now(),
    });
    return c.json({ path: rel, size, sha256 }, 201);
  });
  app.put('/:job/stashes/:name', async (c) => {
    const job = await activeJob(c.req.param('job'));
    const file = safePath(
      buildDir(deps.artifactsDir, job.buildId, 'stashes'),
      `${c.req.param('name')}.tar`,
    );
    const { size } = await receiveFile(c.req.raw.body, file, deps.maxArtifactBytes);
    return c.json({ name: c.req.param('name'), size }, 201);
  });
  app.get('/:job/stashes/:name', async (c) => {
    const job = await activeJob(c.req.param('job'));
    const file = safePath(
      buildDir(deps.artifactsDir, job.buildId, 'stashes'),
      `${c.req.param('name')}.tar`,
    );
    const data = await readFile(file).catch(() => undefined);
    if (!data) throw notFound(`no stash ${c.req.param('name')}`);
    return c.body(new Uint8Array(data), 200, { 'content-type': 'application/x-tar' });
  });
  app.post('/:job/tests', async (c) => {
    const job = await activeJob(c.req.param('job'));
    const { tests } = await parseBody(c, testRows);
    await deps.store.addTestResults(tests.map((t) => ({ ...t, buildId: job.buildId })));
    return c.json({ stored: tests.length }, 201);
  });
  return app;
}
