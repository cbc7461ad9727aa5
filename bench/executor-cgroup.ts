/**
 * Job cgroup setup and kill, against a baseline measured in the same run
 * (creating a plain directory).
 * Usage: [CGROUPS=v1|v2] [N=200] node --import tsx bench/executor-cgroup.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createJobCgroup,
  detectCgroups,
  joinScript,
  STEPS_LEAF,
  type CgroupPreference,
} from '../src/executors/cgroup/index.ts';
import { figures, nowMs, show } from './stats.ts';

const N = Number(process.env.N ?? 200);
const layout = detectCgroups((process.env.CGROUPS ?? 'auto') as CgroupPreference);
if (layout.version === 'none') {
  console.log(`no cgroup here: ${layout.reason}`);
  process.exit(0);
}

const baseline: number[] = [];
for (let i = 0; i < N; i++) {
  const t = nowMs();
  const dir = mkdtempSync(join(tmpdir(), 'rig-bench-'));
  baseline.push(nowMs() - t);
  rmSync(dir, { recursive: true });
}

const setup: number[] = [];
const kill: number[] = [];
const teardown: number[] = [];
for (let i = 0; i < N; i++) {
  const t0 = nowMs();
  const outcome = createJobCgroup(layout, `bench-${process.pid}-${i}`, {
    memoryBytes: 1 << 30,
    pids: 1000,
    cpus: 1,
  });
  if ('fallback' in outcome) throw new Error(outcome.fallback);
  const cg = outcome.cgroup;
  const files = cg.leaf(STEPS_LEAF);
  setup.push(nowMs() - t0);
  const child = spawn(
    '/bin/sh',
    ['-c', joinScript(files), '/bin/sh', '-c', 'setsid sleep 60 & (sleep 60 &) ; exec sleep 60'],
    { stdio: 'ignore' },
  );
  while ((await cg.members(STEPS_LEAF)).length < 3) await new Promise((r) => setTimeout(r, 1));
  const t1 = nowMs();
  await cg.kill(STEPS_LEAF);
  kill.push(nowMs() - t1);
  const t2 = nowMs();
  await cg.destroy();
  teardown.push(nowMs() - t2);
  child.unref();
}

console.log(`cgroup ${layout.version}, ${N} jobs`);
console.log(show('baseline: mkdtemp of a plain directory', figures(baseline)));
console.log(show('job cgroup setup (dirs + limits + steps leaf)', figures(setup)));
console.log(show('kill 3 members (setsid, double fork, leader)', figures(kill)));
console.log(show('destroy (rmdir every hierarchy)', figures(teardown)));
