/** Cases about resource limits (a Rig extension of `options`): pids and memory. */
import assert from 'node:assert/strict';
import { markedPids, runShell, startShell, waitFor } from './harness.ts';
import type { Case } from './types.ts';

export const FORK_BOMB_CASE = 'a fork bomb is contained by the pids limit';
export const MEMORY_HOG_CASE = 'a memory hog is OOM-killed by the memory limit';

const PIDS = 64;

export const limitCases: Case[] = [
  {
    name: FORK_BOMB_CASE,
    run: (ctx) =>
      ctx.withJob(
        async (job, spec) => {
          // Every instance waits for its children, so the bomb holds what it got.
          const bomb = startShell(job, 'b() { b & b & wait; }; b', { stepId: 'bomb' });
          await waitFor('forks to be refused', () => /fork|resource/i.test(bomb.stderr()));
          assert.ok((await markedPids(spec.jobId)).length <= PIDS);
          await job.stopAll({ graceMs: 0, reason: 'cancelled' });
          await bomb.exit;
          const post = await runShell(job, 'echo host-still-fine');
          assert.equal(post.stdout, 'host-still-fine\n');
        },
        { limits: { pids: PIDS } },
      ),
  },
  {
    name: MEMORY_HOG_CASE,
    run: (ctx) =>
      ctx.withJob(
        async (job) => {
          // tail keeps a line without a newline in memory until the limit.
          const hog = 'head -c 2000000000 /dev/zero | tail -n 1 >/dev/null; echo "exit $?"';
          const r = await runShell(job, hog);
          assert.equal(r.stdout, 'exit 137\n');
        },
        { limits: { memoryBytes: 64 << 20 } },
      ),
  },
];
