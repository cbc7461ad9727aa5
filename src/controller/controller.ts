/**
 * Puts the controller together: store, log streams, scheduler, agent hub,
 * HTTP API. `rig serve` calls this with the real parser and runner; tests
 * call it with what they need. The returned app can take more routes (web UI).
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { createApi } from './api/app.ts';
import { checkToken } from './api/tokens.ts';
import { AgentHub } from './hub/hub.ts';
import { ControllerSetupError } from './errors.ts';
import { LiveBus } from './live/bus.ts';
import { openLogStreams } from './log-streams.ts';
import type { LogStreams, PipelineParser, RunCoordinator, Vault } from './ports.ts';
import { createGitSource } from './scm/git-source.ts';
import { CommitStatusReporter } from './reporting/commit-status.ts';
import { BuildEvents, JobEvents } from './scheduler/context.ts';
import type { SchedulerContext } from './scheduler/context.ts';
import { Fleet } from './scheduler/fleet.ts';
import { LockManager } from './scheduler/locks.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { systemLine } from './scheduler/system-log.ts';
import { CredentialVault } from './secrets/index.ts';
import { openSqliteStore } from './store/sqlite.ts';
import type { Store } from './store/store.ts';
import { fireTrigger } from './timed/fire.ts';
import { TriggerTimer } from './timed/trigger-timer.ts';
import type { TriggerClock } from './timed/trigger-timer.ts';

export interface ControllerOptions {
  dataDir: string;
  log: Logger;
  parse: PipelineParser;
  coordinator: RunCoordinator | null;
  store?: Store;
  logs?: LogStreams;
  vault?: Vault;
  heartbeatMs?: number;
  reconnectWindowMs?: number;
  maxArtifactBytes?: number;
  /** GitHub API base for commit statuses when a project names none; default https://api.github.com. */
  forgeApiUrl?: string;
  /** The controller's URL as users reach it (links in commit statuses); default the listen URL. */
  publicUrl?: string;
  /** Time for timer triggers (tests pass their own). */
  clock?: TriggerClock;
}

export interface Controller {
  app: Hono;
  store: Store;
  scheduler: Scheduler;
  hub: AgentHub;
  triggers: TriggerTimer;
  statuses: CommitStatusReporter;
  /** Listens on host:port (port 0 = any); resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createController(opts: ControllerOptions): Promise<Controller> {
  mkdirSync(opts.dataDir, { recursive: true });
  const store = opts.store ?? (await openSqliteStore(join(opts.dataDir, 'rig.db')));
  const vault = opts.vault ?? (await openVault(opts.dataDir));
  const logs = opts.logs ?? openLogStreams(join(opts.dataDir, 'logs'));
  const bus = new LiveBus();
  const fleet = new Fleet();
  const config = {
    heartbeatMs: opts.heartbeatMs ?? 5_000,
    reconnectWindowMs: opts.reconnectWindowMs ?? 60_000,
    maxArtifactBytes: opts.maxArtifactBytes ?? 1 << 30,
  };
  const ctx: SchedulerContext = {
    store,
    logs,
    bus,
    log: opts.log,
    config,
    fleet,
    locks: new LockManager(store),
    source: createGitSource(join(opts.dataDir, 'mirrors')),
    parse: opts.parse,
    coordinator: opts.coordinator,
    pipelines: new Map(),
    vault,
    buildSecrets: new Map(),
    coordinators: new Map(),
    jobEvents: new JobEvents(),
    buildEvents: new BuildEvents(),
    stopping: false,
    triggersChanged: (p) => triggers.setProject(p),
    kick: () => {},
  };
  const scheduler = new Scheduler(ctx);
  const triggers = new TriggerTimer({
    store,
    log: opts.log,
    fire: (t, at) =>
      fireTrigger({ store, log: opts.log, enqueue: (b, why) => scheduler.enqueue(b, why) }, t, at),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  let publicUrl = opts.publicUrl ?? 'http://127.0.0.1';
  const statuses = new CommitStatusReporter({
    store,
    vault,
    log: opts.log,
    note: (buildId, text) => systemLine(ctx, buildId, text),
    config: {
      baseUrl: opts.forgeApiUrl ?? 'https://api.github.com',
      buildUrl: (b) => `${publicUrl.replace(/\/+$/, '')}/builds/${b.id}`,
    },
  });
  ctx.buildEvents
    .on('started', (id) => void statuses.report(id, 'started'))
    .on('finished', (id) => void statuses.report(id, 'finished'));
  const hub = new AgentHub({
    authenticate: async (token) => (await checkToken(store, token, 'agent')) !== undefined,
    handlers: scheduler.handlers,
    heartbeatMs: config.heartbeatMs,
    log: opts.log,
  });
  const app = createApi({
    store,
    logs,
    bus,
    fleet,
    scheduler,
    log: opts.log,
    artifactsDir: join(opts.dataDir, 'artifacts'),
    maxArtifactBytes: config.maxArtifactBytes,
    vault,
  });
  await scheduler.start();
  await triggers.start();
  let server: Server | undefined;
  return {
    app,
    store,
    scheduler,
    hub,
    triggers,
    statuses,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve) => {
        server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
          const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
          publicUrl = opts.publicUrl ?? url;
          resolve(url);
        }) as Server;
        hub.attach(server);
      }),
    close: async () => {
      scheduler.stopping();
      await hub.close();
      await triggers.stop();
      await scheduler.stop();
      await statuses.idle();
      if (server) {
        const s = server;
        await new Promise<void>((r) => {
          s.close(() => r());
          s.closeAllConnections();
        });
      }
      await logs.close();
      await store.close();
    },
  };
}

async function openVault(dataDir: string): Promise<Vault> {
  const vault = await CredentialVault.open({ dataDir });
  if ('error' in vault) throw new ControllerSetupError(`credential store: ${vault.error}`);
  return vault;
}
