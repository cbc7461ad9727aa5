/**
 * Helpers the conformance suite and executor tests share: unique names, a
 * step runner that collects output, and polling without timing assertions.
 */
import { randomBytes } from 'node:crypto';
import type { ExitStatus, Job, Proc } from '../contract.ts';
import { findMarked } from '../proc/proc-table.ts';
import { sleep } from '../proc/signal.ts';

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export interface RunningStep {
  proc: Proc;
  stdout(): string;
  stderr(): string;
  /** Every chunk in arrival order, tagged by stream. */
  chunks: Array<{ stream: 'out' | 'err'; data: Buffer }>;
  exit: Promise<ExitStatus>;
}

export interface StepOptions {
  stepId?: string;
  env?: Record<string, string>;
  cwd?: string;
}

const BASE_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };

/** Starts `sh -c script` in the job, collecting its output. */
export function startShell(job: Job, script: string, opts: StepOptions = {}): RunningStep {
  return startArgv(job, ['/bin/sh', '-c', script], opts);
}

export function startArgv(job: Job, argv: string[], opts: StepOptions = {}): RunningStep {
  const chunks: RunningStep['chunks'] = [];
  const proc = job.spawn({
    stepId: opts.stepId ?? uniqueId('step'),
    argv,
    cwd: opts.cwd ?? job.workspaceInside,
    env: { ...BASE_ENV, ...opts.env },
    onStdout: (data) => chunks.push({ stream: 'out', data }),
    onStderr: (data) => chunks.push({ stream: 'err', data }),
  });
  const text = (stream: 'out' | 'err'): string =>
    Buffer.concat(chunks.filter((c) => c.stream === stream).map((c) => c.data)).toString('utf8');
  return { proc, chunks, exit: proc.exit, stdout: () => text('out'), stderr: () => text('err') };
}

/** Runs a shell script to completion. */
export async function runShell(
  job: Job,
  script: string,
  opts: StepOptions = {},
): Promise<{ status: ExitStatus; stdout: string; stderr: string }> {
  const step = startShell(job, script, opts);
  const status = await step.exit;
  return { status, stdout: step.stdout(), stderr: step.stderr() };
}

/** Polls until `check` holds; throws with `what` when it never does. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Host pids still carrying the job's (or one step's) markers. */
export function markedPids(jobId: string, stepId?: string): Promise<number[]> {
  return findMarked(stepId === undefined ? { jobId } : { jobId, stepId });
}
