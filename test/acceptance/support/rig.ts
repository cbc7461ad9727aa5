/**
 * The real `rig` CLI as a user runs it (bin/rig.js → dist/rig.js, built by
 * the gate's first step): `rig serve`, `rig agent` processes, and the client
 * commands. Every process started here is tracked and killed by `stopAll`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Api, waitFor } from './http.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(ROOT, 'bin/rig.js');

export interface Proc {
  proc: ChildProcess;
  /** stderr so far (pino logs of serve and agents; messages of client commands). */
  stderr(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<Proc>();

/** `prefix` runs the CLI through another command (e.g. `ip netns exec NS`). */
export function rig(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; prefix?: string[] } = {},
): Proc {
  if (!existsSync(join(ROOT, 'dist/rig.js')))
    throw new Error('dist/rig.js is missing: run `node scripts/build.mjs` (npm test does)');
  const command = [...(opts.prefix ?? []), process.execPath, BIN, ...args];
  const options: SpawnOptions = {
    cwd: opts.cwd ?? ROOT,
    env: {
      ...process.env,
      NO_COLOR: '1',
      RIG_LOG_LEVEL: process.env.RIG_TEST_LOG ?? 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  const proc = spawn(command[0] as string, command.slice(1), options);
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    if (process.env.RIG_TEST_LOG) process.stderr.write(d);
  });
  const p: Proc = {
    proc,
    stderr: () => err,
    kill: (signal = 'SIGTERM') => {
      running.delete(p);
      if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill(signal);
      });
    },
  };
  running.add(p);
  proc.once('exit', () => running.delete(p));
  return p;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill('SIGKILL')));
}

/** Runs a client command to the end: its exit code and output. */
export async function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = rig(args, { env, ...(cwd ? { cwd } : {}) });
  let out = '';
  p.proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => p.proc.once('close', r));
  return { code, stdout: out, stderr: p.stderr() };
}

export interface Serve extends Proc {
  url: string;
  admin: string;
  api: Api;
  /** RIG_SERVER and RIG_TOKEN for client commands. */
  env: NodeJS.ProcessEnv;
}

export interface ServeOptions {
  data: string;
  host?: string;
  port?: number;
  heartbeatMs?: number;
  reconnectWindowMs?: number;
  admin?: string;
}

/** `rig serve --no-local-agent`, resolved once it prints the URL it listens on. */
export async function serve(o: ServeOptions): Promise<Serve> {
  const admin = o.admin ?? `rig_u_${randomBytes(18).toString('base64url')}`;
  const p = rig(
    [
      'serve',
      '--data',
      o.data,
      '--host',
      o.host ?? '127.0.0.1',
      '--port',
      String(o.port ?? 0),
      '--no-local-agent',
      ...(o.heartbeatMs ? ['--heartbeat-ms', String(o.heartbeatMs)] : []),
    ],
    {
      env: {
        RIG_ADMIN_TOKEN: admin,
        ...(o.reconnectWindowMs ? { RIG_RECONNECT_WINDOW_MS: String(o.reconnectWindowMs) } : {}),
      },
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: p.proc.stdout! });
    rl.on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m) resolve(m[1] as string);
    });
    p.proc.once('exit', (code) =>
      reject(new Error(`rig serve exited (${code}) before listening:\n${p.stderr()}`)),
    );
  });
  return { ...p, url, admin, api: new Api(url, admin), env: { RIG_SERVER: url, RIG_TOKEN: admin } };
}

/** An agent token, issued as an admin would. */
export async function agentToken(s: Serve): Promise<string> {
  const r = await s.api.call<{ token: string }>('/api/tokens', {
    method: 'POST',
    body: JSON.stringify({ name: `agents-${randomBytes(3).toString('hex')}`, kind: 'agent' }),
  });
  if (r.status !== 201) throw new Error(`issuing an agent token: ${r.status}`);
  return r.body.token;
}

export interface AgentProc extends Proc {
  name: string;
}

/** `rig agent`, resolved once the controller lists it as connected. */
export async function agent(
  s: Serve,
  token: string,
  name: string,
  labels: string[],
  dataDir: string,
  opts: { server?: string; prefix?: string[] } = {},
): Promise<AgentProc> {
  const args = ['agent', '--server', opts.server ?? s.url, '--token', token, '--name', name];
  const p = rig(
    [...args, '--labels', labels.join(','), '--executors', '1', '--data', join(dataDir, name)],
    opts.prefix ? { prefix: opts.prefix } : {},
  );
  await waitFor(`agent ${name} to connect`, async () => (await connected(s)).includes(name));
  return { ...p, name };
}

export async function connected(s: Serve): Promise<string[]> {
  const r = await s.api.call<{ agents: Array<{ name: string; connected: boolean }> }>(
    '/api/agents',
  );
  return r.body.agents.filter((a) => a.connected).map((a) => a.name);
}
