/**
 * Which differences between two host snapshots a job made. Other jobs, and
 * anything else on the host, change it at the same time, so being new is not
 * enough: an object is the job's only when it is traceable to the job.
 *
 * - any kind: its name contains the job id, or it is named in a command the
 *   job ran (`mentioned`, from the trace lines of its `sh` steps).
 * - netns: its nsfs inode is the network namespace of one of the job's
 *   processes (seen before they were stopped).
 * - link (host netns): its veth peer lives in a netns attributed to the job.
 * - mount: its mount point is inside the job's workspace or scratch
 *   directory.
 * - container: its configuration carries the job's marker (Rig injects
 *   `RIG_BUILD_MARKER` into every container a job creates through the job's
 *   containers.conf) or a `rig.job=<id>` label.
 *
 * Everything else that is new is reported as unattributed and left alone.
 * `exclusive` mode, for hosts where nothing but one Rig job runs at a time,
 * attributes every new object to the job.
 */
import type { LedgerEntry } from '../contract.ts';
import type { HostSnapshot } from './snapshot.ts';

export type AttributionMode = 'traced' | 'exclusive';

export interface JobTraces {
  jobId: string;
  /** Network namespace inodes of the job's processes. */
  netnsInodes: Set<number>;
  /** Host directories that are the job's (workspace, scratch). */
  paths: string[];
  /** New containers whose configuration carries the job's marker or label. */
  containers: Set<string>;
  /** New host links → the netns name their veth peer lives in. */
  linkPeers: Record<string, string>;
  /** Mount points that belong to something else (podman's storage): never entries of their own. */
  ignoreMountsUnder: string[];
  /** `kind id` of what the ledger already holds (the executor's own uplink…): not news. */
  known?: Set<string>;
  /** Names the job's commands mentioned (see mentions.ts). */
  mentioned?: (name: string) => boolean;
}

export interface DiffResult {
  entries: LedgerEntry[];
  unattributed: string[];
}

/** Entries in creation-like order (netns, links, mounts, containers): the ledger destroys in reverse. */
export function attributeDiff(
  before: HostSnapshot,
  after: HostSnapshot,
  traces: JobTraces,
  mode: AttributionMode,
): DiffResult {
  const entries: LedgerEntry[] = [];
  const unattributed: string[] = [];
  const take = (ok: boolean, entry: Omit<LedgerEntry, 'source'>, label: string): void => {
    if (traces.known?.has(`${entry.kind} ${entry.id}`)) return;
    if (ok || mode === 'exclusive') entries.push({ ...entry, source: 'diff' });
    else unattributed.push(label);
  };
  const named = (name: string): boolean =>
    name.includes(traces.jobId) || (traces.mentioned?.(name) ?? false);

  const ours = new Set<string>();
  for (const [name, inode] of Object.entries(after.netns)) {
    if (before.netns[name] === inode) continue;
    const traced = named(name) || traces.netnsInodes.has(inode);
    if (traced || mode === 'exclusive') ours.add(name);
    take(traced, { kind: 'netns', id: name }, `netns ${name}`);
  }
  for (const [name, index] of Object.entries(after.links)) {
    if (before.links[name] === index) continue;
    const peer = traces.linkPeers[name];
    take(
      named(name) || (peer !== undefined && ours.has(peer)),
      { kind: 'link', id: name },
      `link ${name}`,
    );
  }
  for (const [id, mount] of Object.entries(after.mounts)) {
    // The kernel reuses the ids of unmounted mounts: new is a new id or an id on a new point.
    if (before.mounts[id]?.mountPoint === mount.mountPoint) continue;
    if (belongsElsewhere(mount.mountPoint, mount.fsType, traces)) continue;
    const traced = named(mount.mountPoint) || traces.paths.some((p) => inside(mount.mountPoint, p));
    take(
      traced,
      { kind: 'mount', id: mount.mountPoint },
      `mount ${mount.mountPoint} (${mount.fsType})`,
    );
  }
  for (const [id, name] of Object.entries(after.containers)) {
    if (before.containers[id] !== undefined) continue;
    const traced = traces.containers.has(id) || named(name) || named(id);
    take(
      traced,
      { kind: 'container', id, detail: { name } },
      `container ${name} (${id.slice(0, 12)})`,
    );
  }
  return { entries, unattributed };
}

/** Netns handles are removed with their netns; podman's mounts with their container. */
function belongsElsewhere(point: string, fsType: string, traces: JobTraces): boolean {
  if (point === '/run/netns' || (fsType === 'nsfs' && inside(point, '/run/netns'))) return true;
  return traces.ignoreMountsUnder.some((dir) => inside(point, dir));
}

export function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}
