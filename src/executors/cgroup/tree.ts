/**
 * Removing a cgroup directory tree: children first, every member killed,
 * then `rmdir` (a cgroup directory is removed with rmdir even though it
 * "contains" files). Works on v1 and v2 directories alike.
 */
import { readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signalPid, sleep } from '../proc/signal.ts';

const CGROUP_FS = '/sys/fs/cgroup/';

export async function removeCgroupTree(dir: string): Promise<void> {
  if (!dir.startsWith(CGROUP_FS) || dir.split('/').length < 6) {
    throw new Error(`refusing to remove ${dir}: not a cgroup below a hierarchy root`);
  }
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return;
  for (const child of entries)
    if (child.isDirectory()) await removeCgroupTree(join(dir, child.name));
  await emptyCgroup(dir);
  await rmdirPatiently(dir);
}

export async function cgroupPids(dir: string): Promise<number[]> {
  const text = await readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map(Number);
}

/** Members of a cgroup and of every cgroup below it. */
export async function treePids(dir: string): Promise<number[]> {
  const pids = await cgroupPids(dir);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const child of entries) {
    if (child.isDirectory()) pids.push(...(await treePids(join(dir, child.name))));
  }
  return pids;
}

async function emptyCgroup(dir: string): Promise<void> {
  // v1: a frozen member cannot act on SIGKILL until thawed.
  await writeFile(join(dir, 'freezer.state'), 'THAWED').catch(() => undefined);
  for (let round = 0; round < 200; round++) {
    const pids = await cgroupPids(dir);
    if (pids.length === 0) return;
    for (const pid of pids) signalPid(pid, 'SIGKILL');
    await sleep(5);
  }
  throw new Error(`${dir}: processes survive SIGKILL`);
}

/** rmdir fails with EBUSY for a moment after the last member exited. */
async function rmdirPatiently(dir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== 'EBUSY' || attempt >= 100) throw error;
      await sleep(10);
    }
  }
}
