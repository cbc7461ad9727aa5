/**
 * cgroup v2: one directory per job below `<mount>/rig`, limits in
 * `memory.max`/`cpu.max`/`pids.max` (the controllers are enabled on the way
 * down through `cgroup.subtree_control`), leaves for processes (the job
 * directory itself holds none: v2's no-internal-processes rule). Kill is one
 * write to `cgroup.kill` (Linux 5.14+), else freeze + SIGKILL + thaw.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signalPid, sleep } from '../proc/signal.ts';
import type { V2Layout } from './detect.ts';
import { CFS_PERIOD_US, formatBytes, type JobCgroup, type Limits } from './job-cgroup.ts';
import { removeCgroupTree, treePids } from './tree.ts';

const LIMIT_CONTROLLERS: Array<[keyof Limits, string]> = [
  ['memoryBytes', 'memory'],
  ['cpus', 'cpu'],
  ['pids', 'pids'],
];

export function createV2Cgroup(layout: V2Layout, jobId: string, limits: Limits): JobCgroup {
  mkdirSync(layout.parent, { recursive: true });
  const enabled = enableControllers(layout, limits);
  const dir = join(layout.parent, jobId);
  mkdirSync(dir);
  try {
    return new V2JobCgroup(dir, applyLimits(dir, limits, enabled));
  } catch (error) {
    void removeCgroupTree(dir).catch(() => undefined);
    throw error;
  }
}

/** Enables what the limits need at the mount root and at `rig`; returns what is on. */
function enableControllers(layout: V2Layout, limits: Limits): Set<string> {
  const wanted = LIMIT_CONTROLLERS.filter(([limit]) => limits[limit] !== undefined)
    .map(([, controller]) => controller)
    .filter((c) => layout.controllers.includes(c));
  for (const dir of [layout.mount, layout.parent]) {
    const on = readFileSync(join(dir, 'cgroup.subtree_control'), 'utf8').split(/\s+/);
    const missing = wanted.filter((c) => !on.includes(c));
    if (missing.length > 0) {
      writeFileSync(join(dir, 'cgroup.subtree_control'), missing.map((c) => `+${c}`).join(' '));
    }
  }
  return new Set(wanted);
}

function applyLimits(dir: string, limits: Limits, enabled: Set<string>): string[] {
  const notes: string[] = [];
  const set = (controller: string, what: string, file: string, value: string): void => {
    if (!enabled.has(controller))
      return void notes.push(
        `${what}: not applied (no ${controller} controller in this cgroup2 tree)`,
      );
    writeFileSync(join(dir, file), value);
    notes.push(what);
  };
  if (limits.memoryBytes !== undefined) {
    const what = `memory ${formatBytes(limits.memoryBytes)}`;
    set('memory', what, 'memory.max', String(limits.memoryBytes));
    if (enabled.has('memory') && existsSync(join(dir, 'memory.swap.max'))) {
      writeFileSync(join(dir, 'memory.swap.max'), '0');
    }
  }
  if (limits.cpus !== undefined) {
    const quota = Math.max(1000, Math.round(limits.cpus * CFS_PERIOD_US));
    set('cpu', `cpus ${limits.cpus}`, 'cpu.max', `${quota} ${CFS_PERIOD_US}`);
  }
  if (limits.pids !== undefined)
    set('pids', `pids ${limits.pids}`, 'pids.max', String(limits.pids));
  return notes;
}

class V2JobCgroup implements JobCgroup {
  readonly version = 'v2' as const;
  readonly paths: string[];
  private destroyed: Promise<void> | undefined;

  constructor(
    private readonly dir: string,
    readonly limitNotes: string[],
  ) {
    this.paths = [dir];
  }

  leaf(name: string): string[] {
    mkdirSync(join(this.dir, name), { recursive: true });
    return [join(this.dir, name, 'cgroup.procs')];
  }

  members(leaf?: string): Promise<number[]> {
    return treePids(this.target(leaf));
  }

  async kill(leaf?: string): Promise<number[]> {
    const target = this.target(leaf);
    const killed = new Set(await treePids(target));
    if (killed.size === 0) return [];
    if (existsSync(join(target, 'cgroup.kill'))) writeFileSync(join(target, 'cgroup.kill'), '1');
    else await freezeAndKill(target, killed);
    for (let round = 0; round < 500; round++) {
      if (!(await populated(target))) return [...killed];
      for (const pid of await treePids(target)) if (signalPid(pid, 'SIGKILL')) killed.add(pid);
      await sleep(Math.min(2 ** round, 20));
    }
    throw new Error(`${target}: members survive SIGKILL`);
  }

  destroy(): Promise<void> {
    this.destroyed ??= (async () => {
      await this.kill().catch(() => undefined);
      await removeCgroupTree(this.dir);
    })();
    return this.destroyed;
  }

  private target(leaf: string | undefined): string {
    return leaf ? join(this.dir, leaf) : this.dir;
  }
}

/** Kernels before 5.14 have no cgroup.kill. */
async function freezeAndKill(target: string, killed: Set<number>): Promise<void> {
  writeFileSync(join(target, 'cgroup.freeze'), '1');
  for (let poll = 0; poll < 200 && !(await eventIs(target, 'frozen', '1')); poll++) await sleep(1);
  for (const pid of await treePids(target)) if (signalPid(pid, 'SIGKILL')) killed.add(pid);
  writeFileSync(join(target, 'cgroup.freeze'), '0');
}

async function populated(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return false;
  return eventIs(dir, 'populated', '1');
}

async function eventIs(dir: string, key: string, value: string): Promise<boolean> {
  const events = await readFile(join(dir, 'cgroup.events'), 'utf8').catch(() => '');
  return events.split('\n').includes(`${key} ${value}`);
}
