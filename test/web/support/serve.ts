/**
 * A real `rig serve` from the built CLI (bin/rig.js → dist/rig.js) with its
 * local agent, on loopback port 0, in a fresh data directory; and a git
 * repository holding the pipelines the browser tests run.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface Served {
  url: string;
  admin: string;
  dir: string;
  proc: ChildProcess;
  api<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export async function startServe(): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'rig-web-e2e-'));
  const admin = `rig_u_${randomBytes(24).toString('base64url')}`;
  const proc = spawn(
    process.execPath,
    [join(root, 'bin/rig.js'), 'serve', '--data', join(dir, 'data'), '--port', '0'],
    {
      cwd: dir,
      env: {
        ...process.env,
        RIG_ADMIN_TOKEN: admin,
        RIG_LOG_LEVEL: process.env.RIG_TEST_LOG ?? 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const limit = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error('waited 60 s for rig serve to say "listening on"'));
    }, 60_000);
    const rl = createInterface({ input: proc.stdout! });
    rl.on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (!m) return;
      clearTimeout(limit);
      resolve(m[1] as string);
    });
    proc.once('exit', (code) => {
      clearTimeout(limit);
      reject(new Error(`rig serve exited (${code}) before listening`));
    });
  });
  const api = async <T>(
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  return {
    url,
    admin,
    dir,
    proc,
    api,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await gone;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A git repository on `main` with the given files committed. */
export function gitRepo(dir: string, files: Record<string, string>): string {
  const repo = join(dir, 'repo');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  const git = (...args: string[]): void =>
    void execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git(
    '-c',
    'user.name=Rig Test',
    '-c',
    'user.email=test@example.invalid',
    'commit',
    '-qm',
    'pipelines',
  );
  return repo;
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
