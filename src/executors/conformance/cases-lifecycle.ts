/** Cases about the job's life: teardown idempotent, failed prepare, spawn after teardown. */
import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { ExecutorError } from '../contract.ts';
import { markedPids, runShell, startShell, waitFor } from './harness.ts';
import type { Case } from './types.ts';

export const lifecycleCases: Case[] = [
  {
    name: 'teardown is idempotent and stops what still runs',
    run: async (ctx) => {
      const spec = await ctx.newSpec();
      const job = await ctx.options.create().prepare(spec);
      try {
        const step = startShell(job, 'echo up; sleep 600');
        await waitFor('the step to start', () => step.stdout() === 'up\n');
        const [first, second] = await Promise.all([job.teardown(), job.teardown()]);
        const third = await job.teardown();
        assert.equal(second, first);
        assert.equal(third, first);
        assert.deepEqual(first.failed, []);
        assert.deepEqual(first.leftovers, []);
        assert.notEqual((await step.exit).signal, null);
        assert.deepEqual(await markedPids(spec.jobId), []);
        const late = await startShell(job, 'echo too-late').exit;
        assert.equal(typeof late.error, 'string');
      } finally {
        await job.teardown();
        await rm(spec.workspace, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'a failed prepare leaves nothing behind and the job id stays usable',
    run: async (ctx) => {
      const spec = await ctx.newSpec();
      await rm(spec.workspace, { recursive: true, force: true });
      const executor = ctx.options.create();
      await assert.rejects(executor.prepare(spec), ExecutorError);
      const scratch = (await readdir(tmpdir())).filter((n) => n.includes(spec.jobId));
      assert.deepEqual(scratch, []);
      const again = await ctx.newSpec({ jobId: spec.jobId });
      const job = await executor.prepare(again);
      try {
        assert.equal((await runShell(job, 'echo ok')).stdout, 'ok\n');
      } finally {
        const report = await job.teardown();
        await rm(again.workspace, { recursive: true, force: true });
        assert.deepEqual(report.failed, []);
      }
    },
  },
  {
    name: 'an invalid job id is an ExecutorError',
    run: async (ctx) => {
      const spec = await ctx.newSpec({ jobId: 'Not Valid!' });
      try {
        await assert.rejects(ctx.options.create().prepare(spec), ExecutorError);
      } finally {
        await rm(spec.workspace, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'the teardown report lists what was removed',
    run: async (ctx) => {
      const report = await ctx.withJob(async (job) => {
        await runShell(job, `echo scratch > ${job.tmpDirInside}/file`);
      });
      assert.ok(report.removed.length > 0);
      assert.ok(report.removed.some((e) => e.kind === 'tmpdir'));
    },
  },
];
