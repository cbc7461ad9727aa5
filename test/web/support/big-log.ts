/**
 * A build whose log has a million lines (~100 MB), written straight into
 * the controller's log store in 1 MB chunks, as an agent's chunks would be.
 */
import { randomBytes } from 'node:crypto';
import type { Controller } from '../../../src/controller/controller.ts';
import { logKey } from '../../../src/controller/scheduler/context.ts';

export const BIG_LINES = 1_000_000;

/** Line `n` (1-based), about 100 bytes; every 1000th is coloured. */
export function bigLine(n: number): string {
  const text = `line ${n} ${'abcdefghij'.repeat(9)}`.slice(0, 99);
  return n % 1000 === 0 ? `\x1b[32m${text}\x1b[0m` : text;
}

export async function seedBigLog(
  controller: Controller,
  lines = BIG_LINES,
  status: 'running' | 'finished' = 'finished',
): Promise<{ buildId: string; stream: string; key: string; bytes: number; seq: number }> {
  const store = controller.store;
  const name = `big-${randomBytes(3).toString('hex')}`;
  const project = await store.createProject({
    id: `p-${name}`,
    name,
    repoUrl: '/nonexistent',
    pipelineFile: 'Jenkinsfile',
    branchFilters: [],
    defaultBranch: 'main',
    webhookSecret: null,
    statusRepo: null,
    statusCredentialId: null,
  });
  const build = await store.createBuild({
    projectId: project.id,
    repoUrl: '/nonexistent',
    pipelineFile: 'Jenkinsfile',
    ref: 'main',
  });
  const job = await store.createJob({
    id: `j-${name}`,
    buildId: build.id,
    unitPath: null,
    requirement: { labelExpr: null, executor: null },
  });
  await store.updateJob(job.id, {
    status: status === 'finished' ? 'done' : 'running',
    result: status === 'finished' ? 'SUCCESS' : null,
    startedAt: Date.now(),
  });
  const logs = controller.scheduler.ctx.logs;
  const key = logKey(build.id, job.id);
  const CHUNK = 10_000;
  let seq = 0;
  let bytes = 0;
  for (let from = 1; from <= lines; from += CHUNK) {
    const chunk = Array.from({ length: Math.min(CHUNK, lines - from + 1) }, (_, i) =>
      bigLine(from + i),
    );
    for (const l of chunk) bytes += Buffer.byteLength(l) + 1;
    await logs.append(key, ++seq, chunk);
  }
  await store.updateBuild(build.id, {
    status,
    result: status === 'finished' ? 'SUCCESS' : null,
    startedAt: Date.now(),
    ...(status === 'finished' ? { finishedAt: Date.now() } : {}),
  });
  return { buildId: build.id, stream: job.id, key, bytes, seq };
}
