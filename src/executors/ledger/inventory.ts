/**
 * What a job made inside a world that dies as a whole (the sandbox, the
 * container): named network namespaces, links and mounts of that world's
 * namespaces and podman containers in its storage, read through
 * `/proc/<pid>` of a process inside before the world is destroyed. Nothing
 * here needs destroying on its own — it goes with the world — but the
 * teardown report must say what went.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerEntry } from '../contract.ts';
import { inside } from './attribute.ts';
import { readMounts } from './mounts.ts';

export interface InventoryOptions {
  /** A process whose namespaces are the world's (the sandbox's or container's init). */
  pid: number;
  /** What the world had when the job got it: not the job's. */
  before: WorldBaseline;
  /** Mounts that belong to something else (podman's storage). */
  ignoreMountsUnder?: string[];
  /** podman's containers.json of the world's own storage, if it has one. */
  podmanContainers?: string;
}

export interface WorldBaseline {
  mounts: Set<number>;
  links: Set<string>;
}

/** The world's mounts and links right now: call when the job gets it. */
export async function worldBaseline(pid: number): Promise<WorldBaseline> {
  const [mounts, links] = await Promise.all([readMounts(pid), readLinks(pid)]);
  return { mounts: new Set(mounts.map((m) => m.id)), links: new Set(links) };
}

/** Entries in creation-like order (netns, links, mounts, containers); `inside` names the world. */
export async function inventory(opts: InventoryOptions, world: string): Promise<LedgerEntry[]> {
  const root = `/proc/${opts.pid}/root`;
  const [netns, links, mounts, containers] = await Promise.all([
    readdir(join(root, 'run/netns')).catch(() => [] as string[]),
    readLinks(opts.pid),
    readMounts(opts.pid),
    opts.podmanContainers ? readContainerNames(opts.podmanContainers) : Promise.resolve([]),
  ]);
  const newMounts = mounts.filter(
    (m) =>
      !opts.before.mounts.has(m.id) &&
      !(m.fsType === 'nsfs' && inside(m.mountPoint, '/run/netns')) &&
      m.mountPoint !== '/run/netns' &&
      !(opts.ignoreMountsUnder ?? []).some((dir) => inside(m.mountPoint, dir)),
  );
  const entry = (kind: LedgerEntry['kind'], id: string): LedgerEntry => ({
    kind,
    id,
    source: 'diff',
    detail: { inside: world },
  });
  return [
    ...netns.map((name) => entry('netns', name)),
    ...links.filter((l) => !opts.before.links.has(l)).map((name) => entry('link', name)),
    ...newMounts.map((m) => entry('mount', m.mountPoint)),
    ...containers.map((name) => entry('container', name)),
  ];
}

/** Link names of the pid's network namespace (/proc/PID/net/dev: no sysfs needed). */
async function readLinks(pid: number): Promise<string[]> {
  const text = await readFile(`/proc/${pid}/net/dev`, 'utf8').catch(() => '');
  return text
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]!.trim())
    .filter(Boolean);
}

async function readContainerNames(file: string): Promise<string[]> {
  try {
    const list = JSON.parse(await readFile(file, 'utf8')) as Array<{
      id: string;
      names?: string[];
    }>;
    return list.map((c) => c.names?.[0] ?? c.id);
  } catch {
    return [];
  }
}
