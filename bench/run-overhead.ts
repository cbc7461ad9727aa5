/**
 * Overhead of `rig run` over the shell itself (issue 2 goals: ≤ 150 ms for a
 * one-step `sh 'true'` pipeline over `sh -c true`, ≤ 20 ms per added step).
 * Runs the built CLI (`npm run build` first) in a temp workspace.
 *
 *   node --import tsx bench/run-overhead.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.argv[2] ?? 21);
const RIG = join(import.meta.dirname, '..', 'bin', 'rig.js');

function pipelineWith(steps: number): string {
  const body = Array.from({ length: steps }, () => "sh 'true'").join('\n');
  return `pipeline {\n agent any\n stages { stage('S') { steps {\n${body}\n } } }\n}\n`;
}

/** CPU time (user + system) of each run, read through GNU time: it survives a loaded machine. */
const cpuSamples = new Map<string, number[]>();

function timeMs(cmd: string, args: string[], cwd: string): number {
  const t = process.hrtime.bigint();
  const timed = existsSync('/usr/bin/time');
  const [file, argv] = timed
    ? ['/usr/bin/time', ['-f', 'rig-bench-cpu %U %S', cmd, ...args]]
    : [cmd, args];
  const r = spawnSync(file, argv, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const cpu = /rig-bench-cpu ([\d.]+) ([\d.]+)/.exec(r.stderr.toString());
  if (cpu) {
    const key = `${cmd} ${args.join(' ')}`;
    cpuSamples.set(key, [...(cpuSamples.get(key) ?? []), (Number(cpu[1]) + Number(cpu[2])) * 1000]);
  }
  return wall;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function measure(label: string, fn: () => number): number {
  fn(); // warm the page cache
  cpuSamples.clear();
  const m = median(Array.from({ length: RUNS }, fn));
  const cpu = median([...cpuSamples.values()].flat());
  const cpuText = Number.isNaN(cpu) ? '' : `, cpu ${cpu.toFixed(0)} ms`;
  console.log(`${label.padEnd(36)} ${m.toFixed(1).padStart(8)} ms (median of ${RUNS}${cpuText})`);
  return m;
}

const dir = mkdtempSync(join(tmpdir(), 'rig-bench-run-'));
try {
  writeFileSync(join(dir, 'one.Jenkinsfile'), pipelineWith(1));
  writeFileSync(join(dir, 'eleven.Jenkinsfile'), pipelineWith(11));
  const shell = measure('baseline: sh -c true', () => timeMs('sh', ['-c', 'true'], dir));
  const node = measure('reference: node -e 0', () => timeMs(process.execPath, ['-e', '0'], dir));
  const one = measure("rig run, 1 × sh 'true'", () =>
    timeMs(process.execPath, [RIG, 'run', '-f', 'one.Jenkinsfile'], dir),
  );
  const eleven = measure("rig run, 11 × sh 'true'", () =>
    timeMs(process.execPath, [RIG, 'run', '-f', 'eleven.Jenkinsfile'], dir),
  );
  console.log('');
  console.log(
    `overhead of rig run over sh -c true: ${(one - shell).toFixed(1)} ms (goal ≤ 150 ms; node start alone ${node.toFixed(1)} ms)`,
  );
  console.log(`cost per added step: ${((eleven - one) / 10).toFixed(1)} ms (goal ≤ 20 ms)`);
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (wall times need a quiet machine; cpu times less so)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
