/** Two jobs at once: neither sees the other's files, processes or namespaces. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Job } from '../contract.ts';
import { runShell, startShell, waitFor } from './harness.ts';
import type { Case, CaseContext } from './types.ts';

export const ISOLATION_CASE =
  'two concurrent jobs never see each other’s files, processes or namespaces';

/** Leaves a file in /tmp, a process and a named netns in the job's world. */
async function makeTraces(job: Job, tag: string): Promise<void> {
  const script = [
    `echo ${tag} > /tmp/rig-secret-${tag}`,
    `ip netns add rig-ns-${tag}`,
    'echo ready',
    `exec sh -c 'sleep 600; : $0' rig-proc-${tag}`,
  ].join('; ');
  const step = startShell(job, script, { stepId: `traces-${tag}` });
  await waitFor(`${tag} to set up`, () => step.stdout() === 'ready\n' || step.stderr() !== '');
  assert.equal(step.stderr(), '');
}

async function sees(job: Job, tag: string): Promise<string[]> {
  const r = await runShell(
    job,
    `ls /tmp; ip netns list; for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < $f; echo; done`,
  );
  return r.stdout.split('\n').filter((line) => line.includes(tag));
}

export const isolationCases: Case[] = [
  {
    name: ISOLATION_CASE,
    run: async (ctx: CaseContext) => {
      const a = `a${randomBytes(3).toString('hex')}`;
      const b = `b${randomBytes(3).toString('hex')}`;
      let jobB: Job | undefined;
      let released: () => void = () => undefined;
      const bDone = new Promise<void>((resolve) => (released = resolve));
      const bReady = new Promise<Job>((resolve, reject) => {
        ctx
          .withJob(async (job) => {
            jobB = job;
            await makeTraces(job, b);
            resolve(job);
            await bDone;
          })
          .catch(reject);
      });
      await ctx.withJob(async (jobA) => {
        await makeTraces(jobA, a);
        const other = await bReady;
        try {
          assert.deepEqual(await sees(jobA, b), []);
          assert.deepEqual(await sees(other, a), []);
          assert.ok((await sees(jobA, a)).length >= 2, 'a job sees its own traces');
        } finally {
          released();
        }
      });
      assert.ok(jobB);
    },
  },
];
