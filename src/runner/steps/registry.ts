/** Every step the catalog marks supported, by name. A test keeps the two in step. */
import { archiveArtifacts } from './archive-artifacts.ts';
import { catchError, warnError } from './catch-error.ts';
import { checkout } from './checkout.ts';
import { cleanWs, deleteDir } from './delete-dir.ts';
import { dir } from './dir.ts';
import { echo } from './echo.ts';
import { error } from './error.ts';
import { fileExists, readFile, writeFile } from './files.ts';
import { input } from './input.ts';
import { junit } from './junit.ts';
import { lock } from './lock.ts';
import { isUnix, pwd } from './machine.ts';
import { parallel } from './parallel.ts';
import { milestone, noop, runBody } from './passthrough.ts';
import { retry } from './retry.ts';
import { sh } from './sh.ts';
import { sleep } from './sleep.ts';
import { stash, unstash } from './stash.ts';
import { timeout } from './timeout.ts';
import type { StepImpl } from './types.ts';
import { unstable } from './unstable.ts';
import { withCredentials } from './with-credentials.ts';
import { withEnv } from './with-env.ts';

const STEPS: ReadonlyMap<string, StepImpl> = new Map<string, StepImpl>([
  ['sh', sh],
  ['echo', echo],
  ['error', error],
  ['unstable', unstable],
  ['dir', dir],
  ['withEnv', withEnv],
  ['timeout', timeout],
  ['retry', retry],
  ['catchError', catchError],
  ['warnError', warnError],
  ['sleep', sleep],
  ['archiveArtifacts', archiveArtifacts],
  ['junit', junit],
  ['stash', stash],
  ['unstash', unstash],
  ['writeFile', writeFile],
  ['readFile', readFile],
  ['fileExists', fileExists],
  ['deleteDir', deleteDir],
  ['cleanWs', cleanWs],
  ['isUnix', isUnix],
  ['pwd', pwd],
  ['withCredentials', withCredentials],
  ['lock', lock],
  ['input', input],
  ['script', runBody],
  ['ansiColor', runBody],
  ['timestamps', runBody],
  ['parallel', parallel],
  ['checkout', checkout],
  ['git', checkout],
  ['milestone', milestone],
  ['skipDefaultCheckout', noop],
]);

export function stepImpl(name: string): StepImpl | undefined {
  return STEPS.get(name);
}

export function implementedSteps(): string[] {
  return [...STEPS.keys()];
}
