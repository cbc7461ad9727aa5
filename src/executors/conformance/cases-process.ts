/** Cases about one process: environment, exit codes, signals, output. */
import assert from 'node:assert/strict';
import type { Case } from './types.ts';
import { runShell, startArgv, startShell } from './harness.ts';

export const processCases: Case[] = [
  {
    name: 'environment: job env, step env, markers, working directory',
    run: (ctx) =>
      ctx.withJob(
        async (job, spec) => {
          const r = await runShell(
            job,
            'echo "$JOB_VAR|$STEP_VAR|$SHARED|$RIG_BUILD_MARKER|$RIG_STEP_MARKER|$(pwd)"',
            { stepId: 'env-step', env: { STEP_VAR: 's', SHARED: 'from-step' } },
          );
          assert.deepEqual(r.status, { code: 0, signal: null });
          const expected = `j|s|from-step|${spec.jobId}|env-step|${job.workspaceInside}\n`;
          assert.equal(r.stdout, expected);
        },
        { env: { JOB_VAR: 'j', SHARED: 'from-job' } },
      ),
  },
  {
    name: 'exit codes are values',
    run: (ctx) =>
      ctx.withJob(async (job) => {
        for (const code of [0, 1, 3, 255]) {
          const r = await runShell(job, `exit ${code}`);
          assert.deepEqual(r.status, { code, signal: null });
        }
      }),
  },
  {
    name: 'death by signal is reported as the signal',
    run: (ctx) =>
      ctx.withJob(async (job) => {
        for (const signal of ['TERM', 'KILL', 'INT'] as const) {
          const r = await runShell(job, `kill -${signal} $$`);
          assert.deepEqual(r.status, { code: null, signal: `SIG${signal}` });
        }
      }),
  },
  {
    name: 'output: both streams complete, in order, tail not lost at exit',
    run: (ctx) =>
      ctx.withJob(async (job) => {
        const script =
          'i=0; while [ $i -lt 20000 ]; do echo "line $i"; i=$((i+1)); done; ' +
          'echo err-1 >&2; echo err-2 >&2; printf "the-tail-without-newline"; exit 7';
        const r = await runShell(job, script);
        assert.deepEqual(r.status, { code: 7, signal: null });
        const lines = r.stdout.split('\n');
        assert.equal(lines.length, 20001);
        assert.equal(lines[12345], 'line 12345');
        assert.equal(lines.at(-1), 'the-tail-without-newline');
        assert.equal(r.stderr, 'err-1\nerr-2\n');
      }),
  },
  {
    name: 'a background process holding the output open does not hold up exit',
    run: (ctx) =>
      ctx.withJob(async (job) => {
        const step = startShell(job, 'sleep 600 & echo started; exit 0');
        assert.deepEqual(await step.exit, { code: 0, signal: null });
        assert.equal(step.stdout(), 'started\n');
      }),
  },
  {
    name: 'a command that cannot start is an infrastructure error, not a crash',
    run: (ctx) =>
      ctx.withJob(async (job) => {
        const status = await startArgv(job, ['rig-no-such-command-x']).exit;
        assert.equal(status.code === 127 || typeof status.error === 'string', true);
        const again = await runShell(job, 'echo still-usable');
        assert.equal(again.stdout, 'still-usable\n');
      }),
  },
];
