/** Real processes on loopback for the end-to-end tests: a controller, agents, a git repository. */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `rig-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function tsx(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(here, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function firstLine(p: ChildProcess): Promise<string> {
  const rl = createInterface({ input: p.stdout! });
  for await (const line of rl) return line;
  throw new Error('process exited before printing');
}

export interface ControllerProc {
  url: string;
  admin: string;
  agentToken: string;
  proc: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startController(
  dataDir: string,
  port = 0,
  windowMs = 3000,
): Promise<ControllerProc> {
  const proc = tsx('controller-main.ts', [dataDir, String(port), String(windowMs)]);
  const info = JSON.parse(await firstLine(proc)) as { url: string; admin: string; agent: string };
  return {
    url: info.url,
    admin: info.admin,
    agentToken: info.agent,
    proc,
    kill: (s) => kill(proc, s),
  };
}

export interface AgentProc {
  name: string;
  proc: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startAgent(
  c: { url: string; agentToken: string },
  name: string,
  labels: string[],
  dataDir: string,
): Promise<AgentProc> {
  const proc = tsx('agent-main.ts', [
    c.url,
    c.agentToken,
    name,
    labels.join(','),
    join(dataDir, name),
  ]);
  await firstLine(proc);
  return { name, proc, kill: (s) => kill(proc, s) };
}

function kill(p: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    p.once('exit', () => resolve());
    p.kill(signal);
  });
}

export async function api<T = Record<string, unknown>>(
  url: string,
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A git repository with a `Jenkinsfile` committed on `main`, named
 * `repo-<random>` (its project's name: job cgroups carry it, so it is unique per run).
 */
export function makeRepo(dir: string, jenkinsfile: string): string {
  const repo = join(dir, `repo-${randomBytes(3).toString('hex')}`);
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'Jenkinsfile'), jenkinsfile);
  const git = (...args: string[]): void =>
    void execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'pipeline');
  return repo;
}

export interface BuildBody {
  id: string;
  status: string;
  result: string | null;
  jobs: Array<{
    id: string;
    unitPath: string | null;
    status: string;
    result: string | null;
    note: string | null;
    agent: string | null;
    attempt: number;
    startedAt: number | null;
    finishedAt: number | null;
  }>;
  streams: Array<{ stream: string; lines: number }>;
}

export async function submit(
  c: ControllerProc,
  repo: string,
  params: Record<string, string> = {},
): Promise<string> {
  const r = await api<{ id: string }>(c.url, c.admin, '/api/builds', {
    method: 'POST',
    body: JSON.stringify({ repo, pipelineFile: 'Jenkinsfile', ref: 'main', params }),
  });
  if (r.status !== 201) throw new Error(`submit: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

export async function finished(
  c: ControllerProc,
  id: string,
  timeoutMs = 60_000,
): Promise<BuildBody> {
  return waitFor(
    `build ${id} to finish`,
    async () => {
      const r = await api<BuildBody>(c.url, c.admin, `/api/builds/${id}`).catch(() => undefined);
      return r?.body.status === 'finished' ? r.body : undefined;
    },
    timeoutMs,
  );
}

export async function streamLines(
  c: ControllerProc,
  id: string,
  stream: string,
): Promise<string[]> {
  const r = await api<{ lines: string[] }>(
    c.url,
    c.admin,
    `/api/builds/${id}/log/${stream}?from=0&to=100000`,
  );
  return r.body.lines;
}
