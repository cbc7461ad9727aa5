/**
 * Quarantine: a host that a job left dirty takes no more jobs and says why,
 * instead of failing the next job with "already exists" (issue 3, item 3).
 *
 * Two ways a host becomes dirty:
 * - a job's teardown reports leftovers (what its executor could not remove,
 *   or still found on the host afterwards) in its `teardown` event;
 * - with `hostCheck`, the whole host differs from the baseline taken when the
 *   agent started, once no job of this agent runs. This also catches what no
 *   executor could trace to the job, so it is meant for a machine the agent
 *   has to itself: anything else changing the host would quarantine it too.
 *
 * The check runs inside the job, before `job.done` goes out, so the
 * controller hears of the quarantine before the executor is free again. The
 * reason is kept in a file: a restarted agent on a dirty host stays out.
 * An admin clears it (`rig agents --clear-quarantine NAME`) once the host is
 * clean; the current state of the host becomes the new baseline.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { checkHostBaseline } from '../executors/ledger/baseline.ts';
import { takeHostSnapshot, type HostSnapshot } from '../executors/ledger/snapshot.ts';
import type { BuildEvent } from '../runner/events.ts';
import type { JobRunner } from './job-runner.ts';

export interface QuarantineOptions {
  /** Where the reason is kept across restarts (`<agent data>/quarantine.json`). */
  file: string;
  /** Compare the whole host with its baseline after each job (see above). */
  hostCheck: boolean;
  log: Logger;
  /** Called when the state changed, so the agent tells the controller at once. */
  onChange?: () => void;
}

/** At most this many differences are named in the reason; the rest are counted. */
const NAMED = 10;

export class Quarantine {
  private current: string | null;
  private baseline: HostSnapshot | null = null;
  private running = 0;

  constructor(private readonly opts: QuarantineOptions) {
    this.current = readReason(opts.file);
  }

  /** Takes the baseline (with `hostCheck`). Call once, before the agent takes jobs. */
  async start(): Promise<void> {
    if (this.opts.hostCheck) this.baseline = await takeHostSnapshot();
  }

  reason(): string | null {
    return this.current;
  }

  /** The runner, with every job's teardown watched and the host checked after it. */
  watch(runner: JobRunner): JobRunner {
    return async (io) => {
      const jobId = io.assignment.jobId;
      this.running++;
      try {
        return await runner({
          ...io,
          onEvent: (e) => {
            this.observe(jobId, e);
            io.onEvent(e);
          },
        });
      } finally {
        this.running--;
        if (this.running === 0) await this.checkHost(jobId);
      }
    };
  }

  /** The admin says the host is clean: take jobs again, from the host as it is now. */
  async clear(by: string): Promise<void> {
    if (this.current === null) return;
    this.opts.log.warn({ by, was: this.current }, 'quarantine cleared');
    this.current = null;
    rmSync(this.opts.file, { force: true });
    await this.start();
    this.opts.onChange?.();
  }

  private observe(jobId: string, e: BuildEvent): void {
    if (e.type !== 'teardown' || e.leftovers.length === 0) return;
    this.enter(
      `job ${jobId} left on the host what teardown could not remove: ${named(e.leftovers)}`,
    );
  }

  private async checkHost(jobId: string): Promise<void> {
    if (!this.baseline || this.current !== null) return;
    const report = await checkHostBaseline(this.baseline).catch((err: unknown) => ({
      clean: false,
      differences: [`the host check failed: ${err instanceof Error ? err.message : String(err)}`],
    }));
    if (report.clean) return;
    this.enter(
      `after job ${jobId} the host differs from its baseline: ${named(report.differences)}`,
    );
  }

  private enter(reason: string): void {
    if (this.current !== null) return;
    this.current = reason;
    this.opts.log.error({ reason }, 'quarantined: taking no jobs until an admin clears it');
    writeFileSync(this.opts.file, JSON.stringify({ reason, since: new Date().toISOString() }));
    this.opts.onChange?.();
  }
}

function named(items: string[]): string {
  const shown = items.slice(0, NAMED).join('; ');
  return items.length > NAMED ? `${shown}; and ${items.length - NAMED} more` : shown;
}

function readReason(file: string): string | null {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { reason?: unknown };
    return typeof saved.reason === 'string' ? saved.reason : null;
  } catch {
    return null;
  }
}
