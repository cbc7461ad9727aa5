/**
 * Real Jenkinsfiles: the share Rig accepts (validates and plans) and the time
 * `checkJenkinsfile` takes per file (CPU time), over the committed corpus in
 * test/corpus/files and any directories given (e.g. a larger scratch corpus of
 * `*.groovy` / `*Jenkinsfile*` files). JSON.parse of the same number of bytes,
 * measured in the same run, is the baseline for this machine.
 *
 *   node --import tsx bench/corpus.ts [DIR…]        (add -v for every file)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { checkJenkinsfile, parseJenkinsfile } from '../src/pipeline/jenkinsfile/index.ts';
import { plan } from '../src/pipeline/planner/index.ts';

const COMMITTED = join(import.meta.dirname, '..', 'test', 'corpus', 'files');
const RUNS = 5;

interface FileResult {
  name: string;
  bytes: number;
  accepted: boolean;
  firstError?: string;
  ms: number;
}

function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(groovy|Jenkinsfile)$|jenkinsfile/i.test(f) && !f.endsWith('.expect'))
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile())
    .sort();
}

function accepted(text: string, name: string): { ok: boolean; firstError?: string } {
  const errors = checkJenkinsfile(text, name).filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, firstError: `${errors[0]!.code}` };
  const { value } = parseJenkinsfile(text, name);
  if (!value) return { ok: false, firstError: 'no-model' };
  const planned = plan(value, { branch: 'main', buildNumber: 1 });
  const planError = planned.diagnostics.find((d) => d.severity === 'error');
  return planError ? { ok: false, firstError: planError.code } : { ok: true };
}

/** Median CPU time of `f` (all threads, GC included): steadier than wall time on a busy machine. */
function medianMs(f: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const before = process.cpuUsage();
    f();
    const d = process.cpuUsage(before);
    times.push((d.user + d.system) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

function measure(path: string): FileResult {
  const text = readFileSync(path, 'utf8');
  const name = basename(path);
  const verdict = accepted(text, name);
  const ms = medianMs(() => checkJenkinsfile(text, name));
  return { name, bytes: text.length, accepted: verdict.ok, firstError: verdict.firstError, ms };
}

function jsonBaselineMs(bytes: number): number {
  const items = Array.from({ length: Math.ceil(bytes / 60) }, (_, i) => ({ id: i, name: `s${i}` }));
  const json = JSON.stringify(items);
  return medianMs(() => JSON.parse(json));
}

function report(label: string, results: FileResult[], verbose: boolean): void {
  if (results.length === 0) return;
  const ok = results.filter((r) => r.accepted).length;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const bytes = results.reduce((n, r) => n + r.bytes, 0);
  const total = ms.reduce((n, x) => n + x, 0);
  const pct = (q: number): string =>
    ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(2);
  console.log(`\n${label}: ${results.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(
    `  accepted by rig plan: ${ok}/${results.length} (${((100 * ok) / results.length).toFixed(0)}%)`,
  );
  console.log(
    `  checkJenkinsfile CPU per file: p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms; all files ${total.toFixed(1)} ms (JSON.parse of as many bytes: ${jsonBaselineMs(bytes).toFixed(1)} ms)`,
  );
  const reasons = new Map<string, number>();
  for (const r of results)
    if (r.firstError) reasons.set(r.firstError, (reasons.get(r.firstError) ?? 0) + 1);
  const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(`  first error of rejected files: ${top.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  if (!verbose) return;
  for (const r of results)
    console.log(
      `  ${r.ms.toFixed(2).padStart(7)} ms ${r.accepted ? 'accepted' : r.firstError!.padEnd(8)} ${r.name}`,
    );
}

const args = process.argv.slice(2);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; times are CPU ms (median of ${RUNS})`,
);
const verbose = args.includes('-v');
// Warm up the JIT so the first files are not charged for compilation.
for (const p of corpusFiles(COMMITTED)) checkJenkinsfile(readFileSync(p, 'utf8'), p);
report('committed corpus (test/corpus/files)', corpusFiles(COMMITTED).map(measure), verbose);
for (const dir of args.filter((a) => a !== '-v'))
  report(dir, corpusFiles(dir).map(measure), verbose);
