import type { Logger } from 'pino';
import type { LiveBus } from '../live/bus.ts';
import type { LogStreams, Vault } from '../ports.ts';
import type { Fleet } from '../scheduler/fleet.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { Store } from '../store/store.ts';

/** What the routes use. */
export interface ApiDeps {
  store: Store;
  logs: LogStreams;
  bus: LiveBus;
  fleet: Fleet;
  scheduler: Scheduler;
  log: Logger;
  /** Where artifacts and stashes live: `<data>/artifacts/<build>/…`. */
  artifactsDir: string;
  maxArtifactBytes: number;
  vault: Vault;
}
