/** Cases about stopping: escaped children, grace then SIGKILL, one step vs all. */
import assert from 'node:assert/strict';
import { access, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Job } from '../contract.ts';
import { sleep } from '../proc/signal.ts';
import { markedPids, runShell, startShell, waitFor, type RunningStep } from './harness.ts';
import type { Case } from './types.ts';

/** A loop that touches `file` (inside the job's tmp dir) while it lives. */
function heartbeat(job: Job, file: string): string {
  return `while :; do : > ${join(job.tmpDirInside, file)}; sleep 0.05; done`;
}

/** Starts processes that escape the step's process group three different ways. */
function startEscapees(job: Job, stepId: string): RunningStep {
  const script = [
    `setsid sh -c '${heartbeat(job, 'setsid')}' &`,
    `(sh -c '${heartbeat(job, 'double-fork')}' &) &`,
    `setsid -f sh -c 'exec </dev/null >/dev/null 2>&1; cd /; ${heartbeat(job, 'daemon')}'`,
    'echo started; sleep 600',
  ].join('\n');
  return startShell(job, script, { stepId });
}

const BEATS = ['setsid', 'double-fork', 'daemon'];

async function beating(job: Job, names: string[]): Promise<boolean> {
  const seen = await Promise.all(
    names.map((n) =>
      access(join(job.tmpDir, n)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return seen.every(Boolean);
}

/** True when none of the heartbeat files reappears after being deleted. */
async function allStopped(job: Job, names: string[]): Promise<boolean> {
  await Promise.all(names.map((n) => unlink(join(job.tmpDir, n)).catch(() => undefined)));
  await sleep(300);
  for (const n of names) if (await beating(job, [n])) return false;
  return true;
}

export const stopCases: Case[] = [
  {
    name: 'stop kills children that escaped by setsid, double fork and daemonizing',
    run: (ctx) =>
      ctx.withJob(async (job, spec) => {
        const step = startEscapees(job, 'escapees');
        await waitFor('the escapees to run', () => beating(job, BEATS));
        const report = await step.proc.stop({ graceMs: 2000, reason: 'timeout' });
        assert.ok(report.killed >= 4, `killed ${report.killed}`);
        assert.equal((await step.exit).signal, 'SIGTERM');
        assert.deepEqual(await markedPids(spec.jobId, 'escapees'), []);
        assert.equal(await allStopped(job, BEATS), true);
      }),
  },
  {
    name: 'a process that traps SIGTERM gets SIGKILL after the grace period',
    run: (ctx) =>
      ctx.withJob(async (job) => {
        const step = startShell(job, `trap '' TERM; echo ready; ${heartbeat(job, 'trap')}`);
        await waitFor('the trap to be set', () => step.stdout() === 'ready\n');
        const report = await step.proc.stop({ graceMs: 300, reason: 'timeout' });
        assert.equal(report.escalated, true);
        assert.equal((await step.exit).signal, 'SIGKILL');
      }),
  },
  {
    name: 'a process that exits on SIGTERM is not escalated',
    run: (ctx) =>
      ctx.withJob(async (job) => {
        const step = startShell(job, 'echo ready; exec sleep 600');
        await waitFor('the step to start', () => step.stdout() === 'ready\n');
        const report = await step.proc.stop({ graceMs: 5000, reason: 'timeout' });
        assert.equal(report.escalated, false);
        assert.deepEqual(await step.exit, { code: null, signal: 'SIGTERM' });
      }),
  },
  {
    name: 'stopping one step leaves the other steps alone',
    run: (ctx) =>
      ctx.withJob(async (job, spec) => {
        const a = startShell(job, heartbeat(job, 'a'), { stepId: 'a' });
        const b = startShell(job, heartbeat(job, 'b'), { stepId: 'b' });
        await waitFor('both steps to run', () => beating(job, ['a', 'b']));
        await a.proc.stop({ graceMs: 1000, reason: 'failFast' });
        assert.deepEqual(await markedPids(spec.jobId, 'a'), []);
        assert.notDeepEqual(await markedPids(spec.jobId, 'b'), []);
        await unlink(join(job.tmpDir, 'b'));
        await waitFor('b to keep running', () => beating(job, ['b']));
        await b.proc.stop({ graceMs: 1000, reason: 'done' });
      }),
  },
  {
    name: 'stopAll stops every step and escapee; post steps run afterwards',
    run: (ctx) =>
      ctx.withJob(async (job, spec) => {
        const escapees = startEscapees(job, 'one');
        const other = startShell(job, heartbeat(job, 'other'), { stepId: 'two' });
        await waitFor('the steps to run', () => beating(job, [...BEATS, 'other']));
        const report = await job.stopAll({ graceMs: 1000, reason: 'cancelled' });
        assert.ok(report.killed >= 5, `killed ${report.killed}`);
        await Promise.all([escapees.exit, other.exit]);
        assert.deepEqual(await markedPids(spec.jobId), []);
        assert.equal(await allStopped(job, [...BEATS, 'other']), true);
        const post = await runShell(job, 'echo post-ran', { stepId: 'post' });
        assert.deepEqual(post.status, { code: 0, signal: null });
        assert.equal(post.stdout, 'post-ran\n');
      }),
  },
];
