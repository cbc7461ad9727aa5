/**
 * The marker sweep: SIGKILL every process carrying the markers, and repeat
 * until none is left, because a process may fork while we kill its parent.
 * Only exact marker values match, so we never touch another job's processes.
 */
import type { MarkerMatch } from './markers.ts';
import { findMarked } from './proc-table.ts';
import { signalPid, sleep } from './signal.ts';

export interface SweepResult {
  /** Pids that received SIGKILL. */
  killed: Set<number>;
  /** Pids still carrying the marker when the time ran out (stuck in D state…). */
  survivors: number[];
}

/** Sweeps until nothing carries the markers or `timeoutMs` passed. */
export async function sweepMarked(
  match: MarkerMatch,
  opts: { timeoutMs?: number; killed?: Set<number> } = {},
): Promise<SweepResult> {
  const killed = opts.killed ?? new Set<number>();
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (let round = 0; ; round++) {
    const pids = await findMarked(match);
    if (pids.length === 0) return { killed, survivors: [] };
    if (Date.now() > deadline) return { killed, survivors: pids };
    for (const pid of pids) if (signalPid(pid, 'SIGKILL')) killed.add(pid);
    // A killed process keeps its environ until it has exited; give it a moment.
    await sleep(Math.min(2 ** round, 50));
  }
}

/** Sends `signal` once to every process carrying the markers; returns who got it. */
export async function signalMarked(
  match: MarkerMatch,
  signal: NodeJS.Signals,
  spare: Set<number> = new Set(),
): Promise<number[]> {
  const pids = await findMarked(match);
  return pids.filter((pid) => !spare.has(pid) && signalPid(pid, signal));
}
