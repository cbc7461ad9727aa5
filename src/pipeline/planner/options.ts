/**
 * How Rig treats each option: honoured, or accepted without meaning here.
 * Nothing Jenkins accepts is dropped silently; `rig plan` lists these notes.
 */
import type { Options } from '../model/pipeline.ts';
import type { OptionNote } from './types.ts';

export function optionNotes(scope: string, options: Options): OptionNote[] {
  const notes: OptionNote[] = [];
  const add = (name: string, status: OptionNote['status'], detail: string): void => {
    notes.push({ scope, name, status, detail });
  };
  if (options.timeout) {
    const kind = options.timeout.activity ? 'without log activity' : 'in total';
    add(
      'timeout',
      'honoured',
      `${formatMs(options.timeout.ms)} ${kind}; post blocks get their own budget`,
    );
  }
  if (options.retry) add('retry', 'honoured', `up to ${options.retry.count} attempts`);
  if (options.skipDefaultCheckout) add('skipDefaultCheckout', 'honoured', 'no implicit checkout');
  if (options.skipStagesAfterUnstable)
    add('skipStagesAfterUnstable', 'honoured', 'stages after an UNSTABLE result are skipped');
  if (options.parallelsAlwaysFailFast)
    add('parallelsAlwaysFailFast', 'honoured', 'every parallel stops at the first failure');
  if (options.disableConcurrentBuilds)
    add('disableConcurrentBuilds', 'honoured', 'enforced by the controller; no effect on rig run');
  if (options.disableResume) add('disableResume', 'not-applicable', 'Rig does not resume builds');
  if (options.quietPeriod)
    add(
      'quietPeriod',
      'not-applicable',
      `${options.quietPeriod.seconds}s; applies to triggered builds, not to rig run`,
    );
  if (options.timestamps) add('timestamps', 'honoured', 'every log line carries its time');
  if (options.ansiColor) add('ansiColor', 'honoured', 'colour codes pass through to the log');
  if (options.checkoutToSubdirectory)
    add('checkoutToSubdirectory', 'not-applicable', 'the workspace is already the checkout');
  if (options.buildDiscarder)
    add('buildDiscarder', 'honoured', 'applied by the controller; no effect on rig run');
  if (options.postTimeout)
    add('postTimeout', 'honoured', `post blocks get ${formatMs(options.postTimeout.ms)} each`);
  if (options.killGrace)
    add('killGrace', 'honoured', `${formatMs(options.killGrace.ms)} between SIGTERM and SIGKILL`);
  if (options.limits) add('limits', 'honoured', 'enforced by executors with cgroups');
  for (const other of options.other) add(other.name, 'not-applicable', other.reason);
  return notes;
}

export function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
