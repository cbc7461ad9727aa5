/**
 * Shared parts of the controller benches: a real `rig serve --no-local-agent`
 * and real `rig agent` processes from the built CLI (`npm run build` first),
 * a git repository holding a pipeline, the API with the admin token, the RSS
 * of a process and the machine's load average.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const RIG = join(import.meta.dirname, '..', 'bin', 'rig.js');

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `rig-bench-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Resident set size of a process in MB (VmRSS from /proc). */
export function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Wall clock in milliseconds with sub-millisecond resolution (comparable across processes). */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface Served {
  url: string;
  admin: string;
  proc: ChildProcess;
  api<T>(path: string, init?: RequestInit): Promise<T>;
  agentToken(): Promise<string>;
  stop(): Promise<void>;
}

export async function startServe(dir: string): Promise<Served> {
  const admin = `rig_u_${randomBytes(24).toString('base64url')}`;
  // RIG_BENCH_NODE_ARGS adds node options to the controller only, e.g.
  // `--cpu-prof --cpu-prof-dir=/tmp/prof` (open it in DevTools) or `--trace-gc`.
  const nodeArgs = process.env.RIG_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const proc = spawn(
    process.execPath,
    [...nodeArgs, RIG, 'serve', '--no-local-agent', '--port', '0', '--data', join(dir, 'data')],
    {
      cwd: dir,
      env: { ...process.env, RIG_ADMIN_TOKEN: admin, RIG_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await lineMatching(proc, /listening on (\S+)/);
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
  return {
    url,
    admin,
    proc,
    api,
    agentToken: async () =>
      (
        await api<{ token: string }>('/api/tokens', {
          method: 'POST',
          body: JSON.stringify({ name: `bench-${randomBytes(3).toString('hex')}`, kind: 'agent' }),
        })
      ).token,
    stop: () => stopProcess(proc),
  };
}

export function lineMatching(proc: ChildProcess, re: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    rl.on('line', (line) => {
      if (process.env.RIG_BENCH_NODE_ARGS) process.stderr.write(`${line}\n`);
      const m = re.exec(line);
      if (m) resolve(m[1] ?? line);
    });
    proc.once('exit', (code) => reject(new Error(`process exited (${code}) before ${re}`)));
  });
}

export function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    proc.once('exit', () => (clearTimeout(timer), resolve()));
    proc.kill('SIGTERM');
  });
}

/** A real `rig agent` with one executor; resolves once the controller lists it online. */
export async function startAgent(
  served: Served,
  token: string,
  name: string,
  dataDir: string,
): Promise<ChildProcess> {
  const proc = spawn(
    process.execPath,
    [
      RIG,
      'agent',
      '--server',
      served.url,
      '--token',
      token,
      '--name',
      name,
      '--labels',
      'bench',
      '--executors',
      '1',
      '--data',
      dataDir,
    ],
    { env: { ...process.env, RIG_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (let i = 0; i < 400; i++) {
    const { agents } = await served.api<{ agents: Array<{ name: string; status: string }> }>(
      '/api/agents',
    );
    if (agents.some((a) => a.name === name && a.status === 'online')) return proc;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`agent ${name} did not come online`);
}

/** A git repository whose Jenkinsfile is `pipeline`; returns its path. */
export function gitRepo(dir: string, pipeline: string): string {
  const repo = join(dir, 'repo');
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'Jenkinsfile'), pipeline);
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  };
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'bench');
  return repo;
}

export async function addProject(served: Served, name: string, repo: string): Promise<void> {
  await served.api('/api/projects', {
    method: 'POST',
    body: JSON.stringify({ name, repo, defaultBranch: 'main' }),
  });
}

export interface BuildSummary {
  id: string;
  status: string;
  result: string | null;
}

export async function waitForBuild(served: Served, id: string): Promise<BuildSummary> {
  for (;;) {
    const b = await served.api<BuildSummary>(`/api/builds/${id}`);
    if (b.status === 'finished') return b;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Milliseconds for one `sh -c true` spawn, waited for. */
export function spawnTrueMs(): number {
  const t = performance.now();
  spawnSync('sh', ['-c', 'true'], { stdio: 'ignore' });
  return performance.now() - t;
}
