/**
 * LogStore under a 100 MB build log, against plain files in the same run.
 *
 *   node --expose-gc --import tsx bench/logstore.ts [MB]
 *
 * Ingest: the same chunks (1,000 lines of ~100 bytes) go to LogStore.append
 * and, as the baseline, to fs.appendFile on a plain file. Reported: time,
 * throughput and RSS growth (sampled after every chunk) for both.
 * Serve: the last 1,000 lines via LogStore.tail, against the naive way
 * (read the whole file, split, slice); plus a 1,000-line range from the
 * middle via the line index. Goals from issue 4: RSS growth ≤ 64 MB,
 * last 1,000 lines ≤ 200 ms. Each side runs in its own process.
 */
import { spawnSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogStore } from '../src/controller/logs/log-store.ts';

const sizeArg = process.argv.includes('--measure') ? process.argv.at(-1) : process.argv[2];
const targetBytes = Number(sizeArg ?? 100) * 1024 * 1024;
const linesPerChunk = 1000;
const line = (i: number): string =>
  `${String(i).padStart(8, '0')} [step] compiling unit ${i % 977} ✓ ${'x'.repeat(50 + (i % 31))}`;

function chunk(first: number): string[] {
  return Array.from({ length: linesPerChunk }, (_, k) => line(first + k));
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

interface Ingest {
  ms: number;
  bytes: number;
  lines: number;
  rssGrowthMB: number;
}

async function ingest(write: (seq: number, lines: string[]) => Promise<void>): Promise<Ingest> {
  gc();
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  let bytes = 0;
  let lines = 0;
  const started = performance.now();
  for (let seq = 1; bytes < targetBytes; seq++) {
    const chunkLines = chunk(lines);
    for (const l of chunkLines) bytes += Buffer.byteLength(l) + 1;
    await write(seq, chunkLines);
    lines += chunkLines.length;
    peak = Math.max(peak, process.memoryUsage.rss());
  }
  return {
    ms: performance.now() - started,
    bytes,
    lines,
    rssGrowthMB: (peak - rssBefore) / 2 ** 20,
  };
}

async function timed<T>(
  runs: number,
  fn: () => Promise<T>,
): Promise<{ firstMs: number; medianMs: number; value: T }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn();
    times.push(performance.now() - t);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { firstMs: times[0]!, medianMs: sorted[Math.floor(sorted.length / 2)]!, value };
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

type Mode = 'plain' | 'store';

/** Runs one side in this process and prints its figures as JSON. */
async function measure(mode: Mode, dir: string): Promise<void> {
  const plainPath = join(dir, 'plain.log');
  if (mode === 'plain') {
    const result = await ingest((_seq, lines) => appendFile(plainPath, lines.join('\n') + '\n'));
    const naive = await timed(3, async () =>
      (await readFile(plainPath, 'utf8')).split('\n').slice(-1001, -1),
    );
    console.log(JSON.stringify({ ...result, tail: naive, lastLine: naive.value.at(-1) }));
    return;
  }
  const store = new LogStore({ dir: join(dir, 'store') });
  const result = await ingest(async (seq, lines) => {
    await store.append('bench', seq, lines);
  });
  await store.finish('bench');
  const tail = await timed(7, () => store.tail('bench', 1000));
  const middle = await timed(7, () => store.readLines('bench', Math.floor(result.lines / 2), 1000));
  await store.close();
  console.log(JSON.stringify({ ...result, tail, middle, lastLine: tail.value.lines.at(-1) }));
}

interface Figures extends Ingest {
  tail: { firstMs: number; medianMs: number };
  middle?: { firstMs: number; medianMs: number };
  lastLine: string;
}

/** Each side runs in a fresh process, so neither inherits the other's heap. */
function runChild(mode: Mode, dir: string): Figures {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      import.meta.filename,
      '--measure',
      mode,
      dir,
      String(targetBytes / 2 ** 20),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (child.status !== 0) throw new Error(`${mode} run failed: ${child.stderr}`);
  const parsed = JSON.parse(child.stdout) as Figures;
  return parsed;
}

function report(plain: Figures, ours: Figures): void {
  if (plain.lastLine !== ours.lastLine) throw new Error('the two runs disagree on the last line');
  const mb = ours.bytes / 2 ** 20;
  const row = (name: string, f: Figures, goal = ''): string =>
    `  ${name.padEnd(26)}${fmt(f.ms, 0).padStart(6)} ms  ${fmt(mb / (f.ms / 1000)).padStart(7)}  ${fmt(f.rssGrowthMB).padStart(6)} MB${goal}`;
  const serve = (name: string, t: { firstMs: number; medianMs: number }, goal = ''): string =>
    `  ${name.padEnd(26)}${fmt(t.firstMs).padStart(6)} ms  ${fmt(t.medianMs).padStart(6)} ms${goal}`;
  console.log(
    `log: ${fmt(mb)} MB, ${ours.lines.toLocaleString('en')} lines, ${linesPerChunk} lines per chunk, node ${process.version}`,
  );
  console.log('ingest                      time       MB/s     RSS growth (peak)');
  console.log(row('fs.appendFile (baseline)', plain));
  console.log(row('LogStore.append', ours, '   goal ≤ 64 MB'));
  console.log('serve the last 1,000 lines  first      median');
  console.log(serve('naive read+split', plain.tail));
  console.log(serve('LogStore.tail', ours.tail, '   goal ≤ 200 ms'));
  if (ours.middle) console.log(serve('LogStore.readLines (mid)', ours.middle));
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rig-bench-logstore-'));
  try {
    report(runChild('plain', dir), runChild('store', dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const measureAt = process.argv.indexOf('--measure');
if (measureAt === -1) await main();
else await measure(process.argv[measureAt + 1] as Mode, process.argv[measureAt + 2]!);
