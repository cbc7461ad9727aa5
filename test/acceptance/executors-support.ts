/**
 * Support for the executor acceptance tests (seed-network, leaks): run the
 * real `rig` CLI (bin/rig.js, the bundle users get) on a pipeline in a fresh
 * workspace, and check afterwards that the host holds nothing of the job.
 *
 * Other suites share this machine, so "back at the baseline" is judged on
 * what can be traced to the job: its id, the names and container ids it
 * printed, its workspace. Everything of that kind that the baseline check,
 * `podman ps`, the cgroup trees or /proc still show is a leftover.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BuildReport } from '../../src/runner/events.ts';
import { checkHostBaseline } from '../../src/executors/ledger/baseline.ts';
import { takeHostSnapshot, type HostSnapshot } from '../../src/executors/ledger/snapshot.ts';
import { findMarked } from '../../src/executors/proc/proc-table.ts';
import { runCommand } from '../../src/executors/proc/run-command.ts';

const RIG = resolve(import.meta.dirname, '../../bin/rig.js');

export interface RigRun {
  child: ChildProcess;
  /** Resolves when rig exited and its output closed. */
  done: Promise<RigResult>;
  /** Everything rig printed to stdout so far. */
  stdout(): string;
}

export interface RigResult {
  code: number | null;
  stdout: string;
  stderr: string;
  report: BuildReport | undefined;
}

/** A temp workspace holding copies of `files` (paths), with `edit` applied to each text. */
export async function workspaceFrom(
  files: string[],
  edit: (name: string, text: string) => string = (_n, t) => t,
): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rig-accept-'));
  for (const file of files) {
    const name = file.split('/').pop()!;
    await copyFile(file, join(dir, name));
    const text = await readFile(file, 'utf8');
    const edited = edit(name, text);
    if (edited !== text) await writeFile(join(dir, name), edited);
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** `node bin/rig.js run -C dir --report dir/report.json …args`. */
export function startRig(dir: string, args: string[]): RigRun {
  const reportFile = join(dir, 'report.json');
  const child = spawn(process.execPath, [RIG, 'run', '-C', dir, '--report', reportFile, ...args], {
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<RigResult>((done) =>
    child.on('close', (code) => {
      void readFile(reportFile, 'utf8')
        .then((t) => JSON.parse(t) as BuildReport)
        .catch(() => undefined)
        .then((report) => done({ code, stdout, stderr, report }));
    }),
  );
  return { child, done, stdout: () => stdout };
}

/** Polls until `test(stdout)` holds or rig ended; true when it holds. */
export async function waitForOutput(
  run: RigRun,
  test: (stdout: string) => boolean,
  withinMs: number,
): Promise<boolean> {
  let ended = false;
  void run.done.then(() => (ended = true));
  const deadline = Date.now() + withinMs;
  while (!test(run.stdout()) && !ended && Date.now() < deadline) await sleep(100);
  return test(run.stdout());
}

/** The job id the runner logged ("… executor, job rig-…) in …"). */
export function jobIdsIn(log: string): string[] {
  return [...log.matchAll(/ executor, job (\S+)\) in /g)].map((m) => m[1]!);
}

/** 64-hex container ids a job printed ("id=…"). */
export function containerIdsIn(log: string): string[] {
  return [...new Set([...log.matchAll(/\bid=([0-9a-f]{64})\b/g)].map((m) => m[1]!))];
}

export interface Traces {
  /** Job ids, names the job derived from them, container ids, its workspace. */
  needles: string[];
  jobIds: string[];
}

export function baselineSnapshot(): Promise<HostSnapshot> {
  return takeHostSnapshot();
}

/**
 * What of the job is still on the host: baseline differences that mention
 * it (netns, links, mounts, containers, job cgroups, marked processes), its
 * containers in `podman ps -a`, cgroup directories named after it or its
 * containers anywhere under /sys/fs/cgroup, and processes with its marker.
 */
export async function leftovers(before: HostSnapshot, traces: Traces): Promise<string[]> {
  const ours = (line: string): boolean => traces.needles.some((n) => line.includes(n));
  const found = (await checkHostBaseline(before)).differences.filter(
    (d) => d.endsWith(' was added') && ours(d),
  );
  const ps = await runCommand([
    'podman',
    'ps',
    '-a',
    '--no-trunc',
    '--format',
    '{{.ID}} {{.Names}}',
  ]);
  for (const line of ps.stdout.split('\n')) if (ours(line)) found.push(`podman container ${line}`);
  for (const dir of await cgroupDirs()) if (ours(dir)) found.push(`cgroup ${dir}`);
  for (const jobId of traces.jobIds)
    for (const pid of await findMarked({ jobId })) found.push(`process ${pid} of ${jobId}`);
  return found;
}

/** Every cgroup directory up to a few levels deep in every hierarchy. */
async function cgroupDirs(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      out.push(join(dir, e.name));
      if (depth > 0) await walk(join(dir, e.name), depth - 1);
    }
  };
  await walk('/sys/fs/cgroup', 6);
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
