/**
 * The host baseline check an agent runs between jobs: compare the host with
 * a snapshot taken when it was known clean. Any difference (something added
 * or something gone) makes the host dirty; under an agent a dirty host is
 * quarantined (takes no jobs and reports these lines as the reason).
 */
import { takeHostSnapshot, type HostSnapshot, type SnapshotOptions } from './snapshot.ts';

export interface BaselineReport {
  clean: boolean;
  /** One line per difference, e.g. "netns rig-x-1 was added". */
  differences: string[];
  snapshot: HostSnapshot;
}

export async function checkHostBaseline(
  before: HostSnapshot,
  opts: SnapshotOptions = {},
): Promise<BaselineReport> {
  const now = await takeHostSnapshot(opts);
  const differences = [
    ...compare('netns', before.netns, now.netns),
    ...compare('link', before.links, now.links),
    ...compare('mount', mountsByPoint(before), mountsByPoint(now)),
    ...compare('container', invert(before.containers), invert(now.containers)),
    ...compare('job cgroup', toSet(before.cgroups), toSet(now.cgroups)),
    ...compare('process', before.marked, now.marked),
  ];
  return { clean: differences.length === 0, differences, snapshot: now };
}

function compare(
  kind: string,
  before: Record<string, unknown>,
  now: Record<string, unknown>,
): string[] {
  const added = Object.keys(now).filter((k) => !(k in before));
  const gone = Object.keys(before).filter((k) => !(k in now));
  const changed = Object.keys(now).filter(
    (k) => k in before && before[k] !== now[k] && typeof now[k] !== 'object',
  );
  return [
    ...added.map((k) => `${kind} ${describe(k, now[k])} was added`),
    ...gone.map((k) => `${kind} ${describe(k, before[k])} is gone`),
    ...changed.map((k) => `${kind} ${k} was replaced`),
  ];
}

function describe(key: string, value: unknown): string {
  return typeof value === 'string' && value !== '' && value !== key ? `${key} (${value})` : key;
}

/** Mounts compared by point + type + source (a remount keeps its place and is no difference). */
function mountsByPoint(s: HostSnapshot): Record<string, string> {
  const byPoint: Record<string, string> = {};
  for (const m of Object.values(s.mounts)) byPoint[`${m.mountPoint} ${m.fsType} ${m.source}`] = '';
  return byPoint;
}

function invert(containers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(containers).map(([id, name]) => [name, id.slice(0, 12)]),
  );
}

function toSet(list: string[]): Record<string, string> {
  return Object.fromEntries(list.map((x) => [x, '']));
}
