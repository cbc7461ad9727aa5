/**
 * What the web UI needs from the controller: the same parts the API uses
 * (store, log streams, live bus, fleet, scheduler), plus its own session key
 * and static assets. `webDepsFor` takes them from a running controller.
 */
import type { Logger } from 'pino';
import type { ApiDeps } from '../controller/api/deps.ts';
import type { Controller } from '../controller/controller.ts';
import type { Assets } from './assets/assets.ts';

export interface WebDeps extends Omit<ApiDeps, 'vault' | 'maxArtifactBytes'> {
  /** HMAC key (≥ 32 bytes) for session cookies and CSRF tokens. */
  sessionKey: Uint8Array;
  assets: Assets;
  /** The clock pages show relative times against. */
  now: () => number;
}

export function webDepsFor(
  controller: Controller,
  options: { artifactsDir: string; sessionKey: Uint8Array; assets: Assets; log: Logger },
): WebDeps {
  const ctx = controller.scheduler.ctx;
  return {
    store: ctx.store,
    logs: ctx.logs,
    bus: ctx.bus,
    fleet: ctx.fleet,
    scheduler: controller.scheduler,
    log: options.log,
    artifactsDir: options.artifactsDir,
    sessionKey: options.sessionKey,
    assets: options.assets,
    now: () => Date.now(),
  };
}
