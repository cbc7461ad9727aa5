/**
 * Overhead of `rig run` over the shell itself (issue 2 goals: ≤ 150 ms for a
 * one-step `sh 'true'` pipeline over `sh -c true`, ≤ 20 ms per added step).
 * Runs the built CLI (`npm run build` first) in a temp workspace.
 *
 *   node --import tsx bench/run-overhead.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.argv[2] ?? 21);
const RIG = join(import.meta.dirname, '..', 'bin', 'rig.js');

function pipelineWith(steps: number): string {
  const body = Array.from({ length: steps }, () => "sh 'true'").join('\n');
  return `pipeline {\n agent any\n stages { stage('S') { steps {\n${body}\n } } }\n}\n`;
}

function timeMs(cmd: string, args: string[], cwd: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function measure(label: string, fn: () => number): number {
  fn(); // warm the page cache
  const m = median(Array.from({ length: RUNS }, fn));
  console.log(`${label.padEnd(36)} ${m.toFixed(1).padStart(8)} ms (median of ${RUNS})`);
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
} finally {
  rmSync(dir, { recursive: true, force: true });
}
