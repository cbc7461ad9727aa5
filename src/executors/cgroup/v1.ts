/**
 * cgroup v1: the job has a directory in the freezer, memory, cpu and pids
 * hierarchies (those mounted). Kill = freeze (nothing can fork any more),
 * SIGKILL every member, thaw (so the signals are acted upon), wait until the
 * cgroup is empty. Setup uses synchronous calls: a handful of mkdir/write
 * syscalls on cgroupfs are cheaper than a trip through the thread pool.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signalPid, sleep } from '../proc/signal.ts';
import type { V1Controller, V1Layout } from './detect.ts';
import { CFS_PERIOD_US, formatBytes, type JobCgroup, type Limits } from './job-cgroup.ts';
import { readFile } from 'node:fs/promises';
import { removeCgroupTree, treePids } from './tree.ts';

export function createV1Cgroup(layout: V1Layout, jobId: string, limits: Limits): JobCgroup {
  const dirs = new Map<V1Controller, string>();
  for (const [controller, parent] of Object.entries(layout.parents)) {
    dirs.set(controller as V1Controller, join(parent, jobId));
  }
  const created: string[] = [];
  try {
    for (const dir of new Set(dirs.values())) {
      mkdirSync(dir, { recursive: true });
      created.push(dir);
    }
    const notes = applyLimits(dirs, limits);
    return new V1JobCgroup(dirs, notes);
  } catch (error) {
    void Promise.all(created.map((dir) => removeCgroupTree(dir).catch(() => undefined)));
    throw error;
  }
}

function applyLimits(dirs: Map<V1Controller, string>, limits: Limits): string[] {
  const notes: string[] = [];
  const set = (controller: V1Controller, what: string, files: Array<[string, string]>): void => {
    const dir = dirs.get(controller);
    if (!dir) return void notes.push(`${what}: not applied (no ${controller} hierarchy)`);
    for (const [file, value] of files) writeFileSync(join(dir, file), value);
    notes.push(what);
  };
  if (limits.memoryBytes !== undefined) {
    const bytes = String(limits.memoryBytes);
    set('memory', `memory ${formatBytes(limits.memoryBytes)}`, [['memory.limit_in_bytes', bytes]]);
    // Without a swap limit too, a hog could swap instead of being OOM-killed.
    const memsw = dirs.get('memory') && join(dirs.get('memory')!, 'memory.memsw.limit_in_bytes');
    if (memsw) tryWrite(memsw, bytes);
  }
  if (limits.cpus !== undefined) {
    const quota = String(Math.max(1000, Math.round(limits.cpus * CFS_PERIOD_US)));
    set('cpu', `cpus ${limits.cpus}`, [
      ['cpu.cfs_period_us', String(CFS_PERIOD_US)],
      ['cpu.cfs_quota_us', quota],
    ]);
  }
  if (limits.pids !== undefined)
    set('pids', `pids ${limits.pids}`, [['pids.max', String(limits.pids)]]);
  return notes;
}

function tryWrite(file: string, value: string): void {
  try {
    writeFileSync(file, value);
  } catch {
    // memsw exists only with swap accounting; nothing to limit without it.
  }
}

class V1JobCgroup implements JobCgroup {
  readonly version = 'v1' as const;
  readonly paths: string[];
  private readonly freezer: string;
  private destroyed: Promise<void> | undefined;

  constructor(
    private readonly dirs: Map<V1Controller, string>,
    readonly limitNotes: string[],
  ) {
    this.paths = [...new Set(dirs.values())];
    this.freezer = dirs.get('freezer')!;
  }

  leaf(name: string): string[] {
    return this.paths.map((dir) => {
      mkdirSync(join(dir, name), { recursive: true });
      return join(dir, name, 'cgroup.procs');
    });
  }

  members(leaf?: string): Promise<number[]> {
    return treePids(this.target(leaf));
  }

  async kill(leaf?: string): Promise<number[]> {
    const target = this.target(leaf);
    const killed = new Set<number>();
    await freeze(target);
    try {
      for (const pid of await treePids(target)) if (signalPid(pid, 'SIGKILL')) killed.add(pid);
    } finally {
      await writeState(target, 'THAWED');
    }
    // Members forked between the read and the freeze taking hold: go again.
    for (let round = 0; round < 500; round++) {
      const left = await treePids(target);
      if (left.length === 0) return [...killed];
      for (const pid of left) if (signalPid(pid, 'SIGKILL')) killed.add(pid);
      await sleep(Math.min(2 ** round, 20));
    }
    throw new Error(`${target}: members survive SIGKILL`);
  }

  destroy(): Promise<void> {
    this.destroyed ??= (async () => {
      await this.kill().catch(() => undefined);
      for (const dir of this.paths) await removeCgroupTree(dir);
    })();
    return this.destroyed;
  }

  private target(leaf: string | undefined): string {
    return leaf ? join(this.freezer, leaf) : this.freezer;
  }
}

/** Freezes and waits (briefly) for FROZEN; a task in D state can keep it FREEZING. */
async function freeze(dir: string): Promise<void> {
  if ((await treePids(dir)).length === 0) return;
  await writeState(dir, 'FROZEN');
  for (let poll = 0; poll < 200; poll++) {
    const state = await readFile(join(dir, 'freezer.state'), 'utf8').catch(() => 'FROZEN');
    if (state.trim() === 'FROZEN') return;
    await sleep(1);
  }
}

async function writeState(dir: string, state: 'FROZEN' | 'THAWED'): Promise<void> {
  try {
    writeFileSync(join(dir, 'freezer.state'), state);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
