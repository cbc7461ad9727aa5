/**
 * Stopping processes, the way the contract describes it: SIGTERM to the
 * process groups, to every process carrying the markers (so daemons a step
 * left get a chance to clean up) and to the members of the job's cgroup;
 * wait up to the grace period for all of them to go; SIGKILL the groups and
 * the cgroup; then sweep the markers until nothing carries them.
 */
import type { StopReport } from '../contract.ts';
import type { MarkerMatch } from './markers.ts';
import { findMarked, groupMembers } from './proc-table.ts';
import { signalGroup, signalPid, sleep } from './signal.ts';
import { signalMarked, sweepMarked } from './sweep.ts';

export interface StopTarget {
  /** Process groups, each usable only while its leader has not been reaped. */
  groups: GroupHandle[];
  match: MarkerMatch;
  /** A container of processes that kills at once (the job's cgroup), when there is one. */
  container?: ProcessContainer;
}

export interface GroupHandle {
  pgid: number | undefined;
  leaderReaped(): boolean;
  /**
   * The leader only relays its child's fate (`nsenter` entering a pid
   * namespace, `podman exec`): SIGTERM goes to every other member, so the
   * relay lives to report how the child ended. SIGKILL still goes to all.
   */
  relay?: boolean;
}

export interface ProcessContainer {
  members(): Promise<number[]>;
  /** Kills every member; resolves with who was killed once they are gone. */
  killAll(): Promise<number[]>;
}

const POLL_MS = 10;
const SCAN_EVERY = 5;

export async function stopTarget(target: StopTarget, graceMs: number): Promise<StopReport> {
  const signalled = new Set<number>();
  await signalAll(target, 'SIGTERM', signalled);
  const escalated = signalled.size > 0 && !(await goneWithin(target, graceMs));
  if (escalated) {
    await signalAll(target, 'SIGKILL', signalled);
    for (const pid of (await target.container?.killAll()) ?? []) signalled.add(pid);
  }
  await sweepMarked(target.match, { killed: signalled });
  return { killed: signalled.size, escalated };
}

async function signalAll(
  target: StopTarget,
  signal: NodeJS.Signals,
  signalled: Set<number>,
): Promise<void> {
  for (const group of target.groups.filter(usable)) {
    const members = await groupMembers(group.pgid!);
    for (const pid of members) signalled.add(pid);
    if (group.relay && signal !== 'SIGKILL') {
      for (const pid of members) if (pid !== group.pgid) signalPid(pid, signal);
    } else {
      signalGroup(group.pgid!, signal);
    }
  }
  for (const pid of (await target.container?.members()) ?? []) {
    if (signalPid(pid, signal)) signalled.add(pid);
  }
  const relays = new Set(target.groups.filter((g) => g.relay && usable(g)).map((g) => g.pgid!));
  const spare = signal === 'SIGKILL' ? new Set<number>() : relays;
  for (const pid of await signalMarked(target.match, signal, spare)) signalled.add(pid);
}

/** Polls cheaply (the groups) and now and then thoroughly (markers, cgroup). */
async function goneWithin(target: StopTarget, graceMs: number): Promise<boolean> {
  const deadline = Date.now() + graceMs;
  for (let poll = 0; ; poll++) {
    const groupAlive = target.groups.filter(usable).some((g) => signalGroup(g.pgid!, 0));
    if (!groupAlive && (poll % SCAN_EVERY === 0 || Date.now() >= deadline)) {
      if (!(await anythingLeft(target))) return true;
    }
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
}

async function anythingLeft(target: StopTarget): Promise<boolean> {
  if (((await target.container?.members()) ?? []).length > 0) return true;
  return (await findMarked(target.match)).length > 0;
}

function usable(group: GroupHandle): boolean {
  return group.pgid !== undefined && !group.leaderReaped();
}
