/**
 * A snapshot of what jobs typically leave on a host: named network
 * namespaces, links in the host's network namespace, mounts in our mount
 * namespace, podman containers, Rig job cgroups and processes carrying a
 * Rig marker. Cheap enough to take at every prepare (~1 ms): it reads /run,
 * /sys and /proc and podman's storage file instead of running commands.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { detectCgroups, type CgroupLayout } from '../cgroup/detect.ts';
import { BUILD_MARKER } from '../proc/markers.ts';
import { commandLine, environs } from '../proc/proc-table.ts';
import { readMounts, type MountInfo } from './mounts.ts';

export interface HostSnapshot {
  takenAt: number;
  /** Named netns (`/run/netns/NAME`) → its nsfs inode (0 when unreadable). */
  netns: Record<string, number>;
  /** Links in the host netns: name → ifindex. */
  links: Record<string, number>;
  /** Mounts in our mount namespace by mount id (the kernel reuses the ids of unmounted mounts). */
  mounts: Record<string, MountInfo>;
  /** podman containers: id → name. */
  containers: Record<string, string>;
  /** Rig job cgroup directories that exist. */
  cgroups: string[];
  /** Processes carrying any Rig build marker: pid → "job: command". */
  marked: Record<string, string>;
}

export interface SnapshotOptions {
  /** podman's graph root (default /var/lib/containers/storage). */
  podmanRoot?: string;
  /** Where job cgroups live (default: detected). */
  cgroups?: CgroupLayout;
  /** Skip the process scan (prepare does not need it). */
  processes?: boolean;
}

export const DEFAULT_PODMAN_ROOT = '/var/lib/containers/storage';

export async function takeHostSnapshot(opts: SnapshotOptions = {}): Promise<HostSnapshot> {
  const [netns, links, mounts, containers, cgroups, marked] = await Promise.all([
    readNetns(),
    readLinks(),
    readMounts(),
    readContainers(opts.podmanRoot ?? DEFAULT_PODMAN_ROOT),
    readRigCgroups(opts.cgroups ?? detectCgroups()),
    opts.processes === false ? Promise.resolve({}) : readMarked(),
  ]);
  return {
    takenAt: Date.now(),
    netns,
    links,
    mounts: Object.fromEntries(mounts.map((m) => [String(m.id), m])),
    containers,
    cgroups,
    marked,
  };
}

async function readNetns(): Promise<Record<string, number>> {
  const names = await readdir('/run/netns').catch(() => []);
  const entries = await Promise.all(
    names.map(
      async (name) =>
        [name, (await stat(join('/run/netns', name)).catch(() => undefined))?.ino ?? 0] as const,
    ),
  );
  return Object.fromEntries(entries);
}

async function readLinks(): Promise<Record<string, number>> {
  const names = await readdir('/sys/class/net').catch(() => []);
  const entries = await Promise.all(
    names.map(async (name) => {
      const index = await readFile(join('/sys/class/net', name, 'ifindex'), 'utf8').catch(
        () => '0',
      );
      return [name, Number(index.trim())] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** podman's containers (id → name), from its storage file: no podman start-up. */
export async function readContainers(root: string): Promise<Record<string, string>> {
  const text = await readFile(join(root, 'overlay-containers', 'containers.json'), 'utf8').catch(
    () => '[]',
  );
  try {
    const list = JSON.parse(text) as Array<{ id: string; names?: string[] }>;
    return Object.fromEntries(list.map((c) => [c.id, c.names?.[0] ?? c.id.slice(0, 12)]));
  } catch {
    return {};
  }
}

async function readRigCgroups(layout: CgroupLayout): Promise<string[]> {
  const parents =
    layout.version === 'v1'
      ? Object.values(layout.parents)
      : layout.version === 'v2'
        ? [layout.parent]
        : [];
  const found: string[] = [];
  for (const parent of new Set(parents)) {
    const entries = await readdir(parent, { withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isDirectory()) found.push(join(parent, e.name));
  }
  return found;
}

async function readMarked(): Promise<Record<string, string>> {
  const prefix = Buffer.from(`${BUILD_MARKER}=`);
  const hits = await Promise.all(
    environs().map(async ([pid, environ]) => {
      const at = markerAt(environ, prefix);
      if (at < 0) return undefined;
      const end = environ.indexOf(0, at);
      const job = environ.subarray(at + prefix.length, end < 0 ? undefined : end).toString();
      return [String(pid), `${job}: ${await commandLine(pid)}`] as const;
    }),
  );
  return Object.fromEntries(hits.filter((h) => h !== undefined));
}

function markerAt(environ: Buffer, prefix: Buffer): number {
  for (let at = environ.indexOf(prefix); at !== -1; at = environ.indexOf(prefix, at + 1)) {
    if (at === 0 || environ[at - 1] === 0) return at;
  }
  return -1;
}
