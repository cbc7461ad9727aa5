/**
 * `rig serve`: the controller (SQLite under --data), its HTTP API and agent
 * hub, and a local agent unless --no-local-agent. Prints the URL and, on
 * first start, an admin token (or uses RIG_ADMIN_TOKEN).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { join, resolve } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import pino from 'pino';
import { parse as parseYaml } from 'yaml';
import type { RigAgent } from '../../agent/agent.ts';
import { issueToken } from '../../controller/api/tokens.ts';
import { createController } from '../../controller/controller.ts';
import { ControllerSetupError } from '../../controller/errors.ts';
import { parseControllerPipeline } from '../../controller/pipeline-parser.ts';
import { createWebUi, loadAssets, sessionKeyIn, webDepsFor } from '../../web/index.ts';
import { UsageError } from '../errors.ts';
import { startRigAgent } from '../agent-setup.ts';
import { availableExecutorKinds, controllerCoordinator } from '../job-runtime.ts';

async function tokenFile(file: string, make: () => Promise<string>): Promise<string> {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = await make();
  writeFileSync(file, token, { mode: 0o600 });
  return token;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the controller (and a local agent)')
    .option('--data <dir>', 'data directory', '.rig')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--config <file>', 'projects from a rig.server.yaml')
    .option('--no-local-agent', 'do not start an agent in this process')
    .option('--public-url <url>', 'URL users reach this controller at (links in commit statuses)')
    .option(
      '--github-api <url>',
      'GitHub API base for commit statuses (GitHub Enterprise: https://HOST/api/v3)',
    )
    .option(
      '--heartbeat-ms <ms>',
      'ping agents this often; three silent beats close the link (default: RIG_HEARTBEAT_MS or 5000)',
    )
    .option(
      '--reconnect-window-ms <ms>',
      'how long a disconnected agent keeps its jobs (default: RIG_RECONNECT_WINDOW_MS or 60000)',
    )
    .action(async (opts) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port wants 0-65535, got ${opts.port}`);
      const heartbeatMs = millis(
        '--heartbeat-ms',
        opts.heartbeatMs ?? process.env.RIG_HEARTBEAT_MS,
      );
      const reconnectWindowMs = millis(
        '--reconnect-window-ms',
        opts.reconnectWindowMs ?? process.env.RIG_RECONNECT_WINDOW_MS,
      );
      const dataDir = resolve(opts.data);
      // A controller's heap is mostly short-lived log chunks: collect them before growing the
      // heap, so memory stays flat however much log goes through (docs/controller.md, Figures).
      setFlagsFromString('--optimize-for-size');
      const log = pino({ level: process.env.RIG_LOG_LEVEL ?? 'info' }, pino.destination(2));
      const controller = await createController({
        dataDir,
        log,
        parse: parseControllerPipeline,
        coordinator: controllerCoordinator(dataDir),
        ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
        ...(opts.githubApi ? { forgeApiUrl: opts.githubApi } : {}),
        ...(heartbeatMs === undefined ? {} : { heartbeatMs }),
        ...(reconnectWindowMs === undefined ? {} : { reconnectWindowMs }),
      }).catch((err: unknown) => {
        if (err instanceof ControllerSetupError) throw new UsageError(err.message);
        throw err;
      });
      // The web UI shares the API's server; routes must be in place before it listens.
      const web = { artifactsDir: join(dataDir, 'artifacts'), sessionKey: sessionKeyIn(dataDir) };
      controller.app.route(
        '/',
        createWebUi(webDepsFor(controller, { ...web, assets: loadAssets(), log })),
      );
      const url = await controller.listen(port, opts.host);
      const fresh = (await controller.store.listTokens()).length === 0;
      const envAdmin = process.env.RIG_ADMIN_TOKEN;
      if (fresh || envAdmin) {
        const existing = envAdmin && (await controller.store.listTokens()).length > 0;
        if (!existing) {
          const { token } = await issueToken(
            controller.store,
            'admin',
            'user',
            ['admin'],
            envAdmin,
          );
          if (!envAdmin) process.stdout.write(`admin token (shown once): ${token}\n`);
        }
      }
      const agentToken = await tokenFile(
        join(dataDir, 'local-agent.token'),
        async () => (await issueToken(controller.store, 'local agent', 'agent', [])).token,
      );
      if (opts.config)
        await loadProjects(controller.app.request.bind(controller.app), opts.config, envAdmin);
      process.stdout.write(`rig serve: listening on ${url}\n`);
      let agent: RigAgent | undefined;
      if (opts.localAgent) {
        agent = await startRigAgent({
          server: url,
          token: agentToken,
          name: 'local',
          labels: ['local'],
          executors: Math.max(1, Math.floor(cpus().length / 2)),
          executorKinds: await availableExecutorKinds(),
          dataDir: join(dataDir, 'agent'),
          log: log.child({ part: 'local-agent' }),
          // The controller's machine runs other things: only what teardown reports counts.
          hostCheck: false,
        });
      }
      await new Promise<void>((done) => {
        const stop = (): void => {
          agent?.stop();
          void controller.close().then(done);
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}

/** A flag (or its environment default) in milliseconds; unset stays undefined. */
function millis(flag: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} wants milliseconds (> 0), got ${value}`);
  return n;
}

async function loadProjects(
  request: (path: string, init: RequestInit) => Response | Promise<Response>,
  file: string,
  adminToken: string | undefined,
): Promise<void> {
  if (!adminToken) throw new UsageError('--config needs RIG_ADMIN_TOKEN so rig serve can apply it');
  const doc = parseYaml(readFileSync(file, 'utf8')) as {
    projects?: Array<Record<string, unknown>>;
  } | null;
  for (const p of doc?.projects ?? []) {
    const name = String(p.name ?? '');
    const res = await request(`/api/projects/${encodeURIComponent(name)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(p),
    });
    if (!res.ok)
      throw new UsageError(`${file}: project ${name}: ${JSON.stringify(await res.json())}`);
  }
}
