/**
 * What a SIGKILLed agent leaves on the host: its job's cgroups and the
 * processes in them (nothing survives to clean them up; see the report on
 * agent restart sweeps). Tests remove them through the executors' own code.
 */
import { readdirSync } from 'node:fs';
import { createJobCgroup, detectCgroups } from '../../../src/executors/cgroup/index.ts';

/** Kills and removes every job cgroup whose name starts with `rig-<project>-`. */
export async function sweepJobCgroups(project: string): Promise<string[]> {
  const layout = detectCgroups();
  const parents =
    layout.version === 'v1'
      ? Object.values(layout.parents)
      : layout.version === 'v2'
        ? [layout.parent]
        : [];
  const prefix = `rig-${project.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-`;
  const names = new Set<string>();
  for (const parent of parents) {
    try {
      for (const name of readdirSync(parent)) if (name.startsWith(prefix)) names.add(name);
    } catch {
      // No parent yet: nothing ran.
    }
  }
  for (const name of names) {
    const made = createJobCgroup(layout, name, {});
    if ('cgroup' in made) await made.cgroup.destroy();
  }
  return [...names];
}
