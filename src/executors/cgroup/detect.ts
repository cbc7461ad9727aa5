/**
 * Which cgroup layout this host has, read at runtime from our own mountinfo
 * and /proc/self/cgroup: v1 (a hierarchy per controller; this project's CI
 * machines), v2 (one unified tree; most users' machines), or hybrid (v1
 * controllers plus a v2 mount without them, as systemd's hybrid mode and
 * our CI machines have). We use v1 when its freezer is mounted, because on
 * hybrid hosts the limits live there; otherwise v2.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const V1_CONTROLLERS = ['freezer', 'memory', 'cpu', 'pids'] as const;
export type V1Controller = (typeof V1_CONTROLLERS)[number];

export interface V1Layout {
  version: 'v1';
  /** Directory in each mounted hierarchy under which job cgroups go (`…/rig`). */
  parents: Partial<Record<V1Controller, string>>;
}

export interface V2Layout {
  version: 'v2';
  /** The cgroup2 mount point. */
  mount: string;
  /** Directory under which job cgroups go (`<mount>/rig`). */
  parent: string;
  /** Controllers the mount offers (`cgroup.controllers` of its root). */
  controllers: string[];
}

export type CgroupLayout = V1Layout | V2Layout | { version: 'none'; reason: string };

export type CgroupPreference = 'auto' | 'v1' | 'v2' | 'none';

interface CgroupMount {
  point: string;
  root: string;
  type: 'cgroup' | 'cgroup2';
  options: string[];
}

export function detectCgroups(preference: CgroupPreference = 'auto'): CgroupLayout {
  if (preference === 'none') return { version: 'none', reason: 'cgroups were turned off' };
  if (process.getuid?.() !== 0) {
    return { version: 'none', reason: 'creating cgroups needs root' };
  }
  const mounts = cgroupMounts();
  const v1 = preference !== 'v2' ? v1Layout(mounts) : undefined;
  if (v1) return v1;
  const v2 = preference !== 'v1' ? v2Layout(mounts) : undefined;
  if (v2) return v2;
  return {
    version: 'none',
    reason: `no writable cgroup ${preference === 'auto' ? '' : preference + ' '}hierarchy with a freezer or cgroup.kill`,
  };
}

function v1Layout(mounts: CgroupMount[]): V1Layout | undefined {
  const own = ownCgroups();
  const parents: V1Layout['parents'] = {};
  for (const controller of V1_CONTROLLERS) {
    const mount = mounts.find((m) => m.type === 'cgroup' && m.options.includes(controller));
    const ownPath = own.get(controller) ?? '/';
    if (mount && writable(mount.point))
      parents[controller] = join(mount.point, below(ownPath, mount.root), 'rig');
  }
  return parents.freezer ? { version: 'v1', parents } : undefined;
}

function v2Layout(mounts: CgroupMount[]): V2Layout | undefined {
  const mount = mounts.find((m) => m.type === 'cgroup2');
  if (!mount || !writable(mount.point)) return undefined;
  const controllers = readFileSync(join(mount.point, 'cgroup.controllers'), 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return { version: 'v2', mount: mount.point, parent: join(mount.point, 'rig'), controllers };
}

/** A cgroup path relative to the mount, when the mount shows only part of the tree. */
function below(path: string, mountRoot: string): string {
  if (mountRoot === '/' || !path.startsWith(mountRoot)) return path;
  return path.slice(mountRoot.length) || '/';
}

function cgroupMounts(): CgroupMount[] {
  const text = readFileSync('/proc/self/mountinfo', 'utf8');
  const mounts: CgroupMount[] = [];
  for (const line of text.split('\n')) {
    const [left = '', right = ''] = line.split(' - ');
    const [type = '', , superOptions = ''] = right.split(' ');
    if (type !== 'cgroup' && type !== 'cgroup2') continue;
    const fields = left.split(' ');
    mounts.push({
      point: fields[4] ?? '',
      root: fields[3] ?? '/',
      type,
      options: superOptions.split(','),
    });
  }
  return mounts;
}

/** controller → our cgroup path in its hierarchy, from /proc/self/cgroup. */
function ownCgroups(): Map<string, string> {
  const own = new Map<string, string>();
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
    const [, controllers = '', ...rest] = line.split(':');
    for (const c of controllers.split(',')) own.set(c, rest.join(':'));
  }
  return own;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
