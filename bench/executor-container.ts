/**
 * Container step start against `podman run` itself, measured in the same run:
 *   - baseline: `podman run --rm --network none IMAGE true`
 *   - `podman exec` into a running container
 *   - a container executor step (crun/runc exec into the job's container)
 *   - a container job: prepare + first step, and its teardown
 * Usage: [N=30] node --import tsx bench/executor-container.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestImage } from '../test/support/image.ts';
import { createContainerExecutor } from '../src/executors/container/index.ts';
import type { Job } from '../src/executors/contract.ts';
import { lacksSysResource, ULIMIT_FIX } from '../src/executors/ledger/podman-conf.ts';
import { runCommand } from '../src/executors/proc/run-command.ts';
import { figures, nowMs, show } from './stats.ts';

const N = Number(process.env.N ?? 30);
const found = await ensureTestImage();
if ('skip' in found) {
  console.log(`skipped: ${found.skip}`);
  process.exit(0);
}
const image = found.image;
const ulimits = lacksSysResource() ? ULIMIT_FIX.flatMap((u) => ['--ulimit', u]) : [];
const workspace = mkdtempSync(join(tmpdir(), 'rig-bench-ws-'));

async function timed(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = nowMs();
    await fn(i);
    samples.push(nowMs() - t);
  }
  return samples;
}

async function must(argv: string[]): Promise<void> {
  const r = await runCommand(argv);
  if (!r.ok) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
}

async function step(job: Job, i: number): Promise<void> {
  const proc = job.spawn({
    stepId: `s${i}`,
    argv: ['true'],
    cwd: job.workspaceInside,
    env: { PATH: '/usr/bin:/bin' },
    onStdout: () => undefined,
    onStderr: () => undefined,
  });
  if ((await proc.exit).code !== 0) throw new Error('step failed');
}

const podmanRun = figures(
  await timed(N, () =>
    must(['podman', 'run', '--rm', '--network', 'none', ...ulimits, image, 'true']),
  ),
);

const idle = `rig-bench-idle-${process.pid}`;
await must([
  'podman',
  'run',
  '-d',
  '--name',
  idle,
  '--network',
  'none',
  ...ulimits,
  image,
  'sleep',
  '600',
]);
const podmanExec = figures(await timed(N, () => must(['podman', 'exec', idle, 'true'])));
await must(['podman', 'rm', '--force', '--time', '0', idle]);

const executor = createContainerExecutor();
const job = await executor.prepare({
  jobId: `bench-ctr-${process.pid}`,
  workspace,
  image,
  log: () => undefined,
});
await timed(3, (i) => step(job, -i - 1));
const steps = figures(await timed(N * 3, (i) => step(job, i)));
await job.teardown();

const prepares: number[] = [];
const teardowns: number[] = [];
for (let i = 0; i < Math.max(5, Math.round(N / 3)); i++) {
  const t0 = nowMs();
  const j = await executor.prepare({
    jobId: `bench-ctj-${process.pid}-${i}`,
    workspace,
    image,
    log: () => undefined,
  });
  await step(j, 0);
  const t1 = nowMs();
  await j.teardown();
  prepares.push(t1 - t0);
  teardowns.push(nowMs() - t1);
}
rmSync(workspace, { recursive: true, force: true });

console.log(show('baseline: podman run --rm IMAGE true', podmanRun));
console.log(show('podman exec into a running container', podmanExec));
console.log(show('container step (runtime exec into the job container)', steps));
console.log(show('container job: prepare + first step', figures(prepares)));
console.log(show('container job teardown', figures(teardowns)));
