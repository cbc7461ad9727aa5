/** Everything the scheduler's parts share. Built once by `createController`. */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Pipeline } from '../../protocol/runner-types.ts';
import type { LiveBus } from '../live/bus.ts';
import type { LogStreams, PipelineParser, RunCoordinator, Vault } from '../ports.ts';
import type { PipelineSource } from '../scm/source.ts';
import type { JobRecord, ProjectRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import type { Fleet } from './fleet.ts';
import type { LockManager } from './locks.ts';

export interface SchedulerConfig {
  heartbeatMs: number;
  /** How long a disconnected agent keeps its jobs before they count as lost. */
  reconnectWindowMs: number;
  maxArtifactBytes: number;
}

export interface SchedulerContext {
  store: Store;
  logs: LogStreams;
  bus: LiveBus;
  log: Logger;
  config: SchedulerConfig;
  fleet: Fleet;
  locks: LockManager;
  source: PipelineSource;
  parse: PipelineParser;
  coordinator: RunCoordinator | null;
  /** Pipelines of builds that are queued or running, by build id. */
  pipelines: Map<string, Pipeline>;
  vault: Vault;
  /** Secret values the coordinator of a running build was given, by build id (units mask them). */
  buildSecrets: Map<string, Set<string>>;
  /** Abort handles of coordinators running in this process. */
  coordinators: Map<string, AbortController>;
  /** `ended` (job: JobRecord) once a job has its final state (done, or lost with no attempt left). */
  jobEvents: JobEvents;
  /** `started` / `finished` (build id) once the store says so: commit statuses listen. */
  buildEvents: BuildEvents;
  /** True once shutdown began. */
  stopping: boolean;
  /** Re-reads a project's timer triggers after they changed. */
  triggersChanged(project: ProjectRecord): Promise<void>;
  kick(): void;
}

export class BuildEvents extends EventEmitter<{ started: [string]; finished: [string] }> {
  constructor() {
    super();
    this.setMaxListeners(0);
  }
}

export class JobEvents extends EventEmitter<{ ended: [JobRecord] }> {
  constructor() {
    super();
    this.setMaxListeners(0);
  }
}

export const logKey = (buildId: string, source: string): string => `${buildId}.${source}`;
