/**
 * `sh`: as Jenkins runs it (workflow-durable-task-step). The script is
 * written to a file in the job's tmp dir and run with `sh -xe`, or executed
 * directly when it starts with `#!`. Each `sh` is its own process group with
 * the build's and step's markers (the executor's job). A non-zero exit fails
 * the step with "script returned exit code N" unless `returnStatus`;
 * `returnStdout` returns stdout instead of logging it. When the step's
 * context is interrupted (timeout, cancel, failFast) the process group is
 * stopped with the kill grace, and the interruption is what the step throws.
 */
import { chmod, rm, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { constants } from 'node:os';
import { log } from '../build/context.ts';
import { envSnapshot } from '../env/lookup.ts';
import { StepFailure } from '../errors.ts';
import { interruptionOf } from '../interrupt.ts';
import { LineBuffer } from '../log/line-buffer.ts';
import type { StepArgs } from './args.ts';
import type { StepCall, StepImpl } from './types.ts';

export const sh: StepImpl = {
  needsNode: true,
  label: (args: StepArgs) => args.optStr('label'),
  run: runShell,
};

async function runShell({ ctx, args }: StepCall): Promise<string | number | null> {
  const node = ctx.node;
  const stepId = ctx.stepId;
  if (!node || !stepId) return null;
  const job = node.job;
  const script = args.str('script');
  const returnStdout = args.bool('returnStdout', false);
  const returnStatus = args.bool('returnStatus', false);
  const file = `script-${stepId}.sh`;
  const hostFile = join(job.tmpDir, file);
  const insideFile = posix.join(job.tmpDirInside, file);
  await writeFile(hostFile, script);
  const shebang = script.startsWith('#!');
  if (shebang) await chmod(hostFile, 0o755);

  const stdout: Buffer[] = [];
  const out = new LineBuffer((text) => log(ctx, text, 'stdout'));
  const err = new LineBuffer((text) => log(ctx, text, 'stderr'));
  const proc = job.spawn({
    stepId,
    argv: shellArgv(insideFile, shebang, returnStdout),
    cwd: ctx.cwd ?? job.workspaceInside,
    env: envSnapshot(ctx),
    onStdout: (chunk) => (returnStdout ? stdout.push(chunk) : out.push(chunk)),
    onStderr: (chunk) => err.push(chunk),
  });
  const stop = (): void => {
    const reason = interruptionOf(ctx.signal);
    log(
      ctx,
      `Stopping the script (${reason.reason}): SIGTERM, then SIGKILL after ${ctx.build.killGraceMs / 1000}s`,
    );
    ctx.build.trackStop(proc.stop({ graceMs: ctx.build.killGraceMs, reason: reason.reason }));
  };
  if (ctx.signal.aborted) stop();
  else ctx.signal.addEventListener('abort', stop, { once: true });
  const status = await proc.exit;
  ctx.signal.removeEventListener('abort', stop);
  out.flush();
  err.flush();
  await rm(hostFile, { force: true });

  if (status.error) throw new StepFailure(`sh: could not run the script: ${status.error}`);
  if (ctx.signal.aborted) throw interruptionOf(ctx.signal);
  const code = status.code ?? 128 + signalNumber(status.signal);
  if (returnStatus) return code;
  const output = Buffer.concat(stdout).toString('utf8');
  if (code !== 0) {
    if (returnStdout && output !== '') log(ctx, output.replace(/\n$/, ''), 'stdout');
    throw new StepFailure(`script returned exit code ${code}`);
  }
  return returnStdout ? output : null;
}

/**
 * Jenkins sends a script's stdout and stderr to one log, so the `-x` trace
 * and the output interleave as they happened; only `returnStdout` keeps
 * stdout apart.
 */
function shellArgv(file: string, shebang: boolean, separate: boolean): string[] {
  const run = shebang ? '"$0"' : '/bin/sh -xe "$0"';
  return separate
    ? shebang
      ? [file]
      : ['/bin/sh', '-xe', file]
    : ['/bin/sh', '-c', `exec ${run} 2>&1`, file];
}

function signalNumber(signal: NodeJS.Signals | null): number {
  if (!signal) return 0;
  return (constants.signals as Record<string, number>)[signal] ?? 0;
}
