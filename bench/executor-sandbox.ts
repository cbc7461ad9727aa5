/**
 * Sandbox step start-up against a plain spawn measured in the same run.
 *   - plain: child_process.spawn('/bin/true') until it closed
 *   - host step: the host executor's spawn (cgroup prologue, markers)
 *   - sandbox step: a step in a prepared sandbox (nsenter into its namespaces)
 *   - sandbox job: prepare (new mount/pid/net/uts/ipc namespaces) + first step
 *   - sandbox teardown
 * Usage: [N=200] node --import tsx bench/executor-sandbox.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executor, Job } from '../src/executors/contract.ts';
import { createHostExecutor } from '../src/executors/host/index.ts';
import { createSandboxExecutor } from '../src/executors/sandbox/index.ts';
import { figures, nowMs, show, type Figures } from './stats.ts';

const N = Number(process.env.N ?? 200);
const JOBS = Math.max(10, Math.round(N / 4));
const workspace = mkdtempSync(join(tmpdir(), 'rig-bench-ws-'));

function plain(): Promise<void> {
  return new Promise((resolve) =>
    spawn('/bin/true', { stdio: ['ignore', 'pipe', 'pipe'] }).on('close', () => resolve()),
  );
}

async function step(job: Job, i: number): Promise<void> {
  const proc = job.spawn({
    stepId: `s${i}`,
    argv: ['/bin/true'],
    cwd: job.workspaceInside,
    env: { PATH: '/usr/bin:/bin' },
    onStdout: () => undefined,
    onStderr: () => undefined,
  });
  const status = await proc.exit;
  if (status.code !== 0) throw new Error(`step failed: ${JSON.stringify(status)}`);
}

async function time(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = nowMs();
    await fn(i);
    samples.push(nowMs() - t);
  }
  return samples;
}

async function stepsIn(executor: Executor, label: string): Promise<Figures> {
  const job = await executor.prepare({
    jobId: `bench-${label}-${process.pid}`,
    workspace,
    log: () => undefined,
  });
  await time(10, (i) => step(job, -i - 1));
  const f = figures(await time(N, (i) => step(job, i)));
  await job.teardown();
  return f;
}

const added = (f: Figures, base: Figures): string =>
  `   added: median ${(f.median - base.median).toFixed(2)} ms, p99 ${(f.p99 - base.p99).toFixed(2)} ms`;

await time(10, plain);
const base = figures(await time(N, plain));
const host = await stepsIn(createHostExecutor(), 'host');
const sandbox = createSandboxExecutor();
await sandbox.probe();
const inSandbox = await stepsIn(sandbox, 'sbx');

const jobStart: number[] = [];
const teardown: number[] = [];
for (let i = 0; i < JOBS; i++) {
  const t0 = nowMs();
  const job = await sandbox.prepare({
    jobId: `bench-sbj-${process.pid}-${i}`,
    workspace,
    log: () => undefined,
  });
  await step(job, 0);
  const t1 = nowMs();
  await job.teardown();
  jobStart.push(t1 - t0);
  teardown.push(nowMs() - t1);
}
rmSync(workspace, { recursive: true, force: true });

console.log(show('baseline: spawn /bin/true', base));
console.log(show('host executor step', host) + added(host, base));
console.log(
  show('sandbox step (prepared sandbox, no new netns)', inSandbox) + added(inSandbox, base),
);
console.log(
  show('sandbox job: prepare (new netns) + first step', figures(jobStart)) +
    added(figures(jobStart), base),
);
console.log(show('sandbox job teardown', figures(teardown)));
