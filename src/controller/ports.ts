/**
 * What the controller needs from outside and does not pick itself: the CLI
 * (`rig serve`) wires real implementations; tests may wire others.
 */
import type {
  Agent,
  BuildContext,
  BuildEventListener,
  BuildResult,
  CredentialProvider,
  Pipeline,
} from '../protocol/runner-types.ts';

/** Turns pipeline text into the model (a front end of src/pipeline). */
export type PipelineParser = (
  text: string,
  file: string,
) => { pipeline: Pipeline } | { errors: string[] };

/**
 * Runs the top level of an `agent none` pipeline in the controller process:
 * `runBuild` with the controller's placement provider. Must be deterministic
 * for a given pipeline and unit results, so a restarted controller can run it
 * again and re-attach to the units it had already placed.
 */
export type RunCoordinator = (request: {
  pipeline: Pipeline;
  context: BuildContext;
  onEvent: BuildEventListener;
  signal: AbortSignal;
  runUnit: (unit: PlacementRequest) => Promise<{ result: BuildResult }>;
  /**
   * Credentials for the top level (`environment { X = credentials('id') }`):
   * refused for forks' pull requests, like the agents'. Values it hands out
   * are masked wherever a unit inherits them.
   */
  credentials: CredentialProvider;
  acquireLock: (resource: string, signal?: AbortSignal) => Promise<() => void>;
}) => Promise<{ result: BuildResult }>;

export interface AppendOutcome {
  /** `buffered`: held until the chunks before it arrive; `rejected`: send it again later. */
  status: 'appended' | 'duplicate' | 'buffered' | 'rejected' | 'sealed';
  /** Highest chunk number with every earlier one stored. */
  ackedSeq: number;
  /** Lines in the stream after this append. */
  lineCount: number;
}

/**
 * Log lines of one stream (a job, the coordinator, the controller's notes),
 * keyed `<build>.<stream>`. Memory stays bounded whatever a log's size.
 */
export interface LogStreams {
  /** Chunk `seq` (numbered from 1, contiguously); a chunk already stored is ignored. */
  append(key: string, seq: number, lines: string[]): Promise<AppendOutcome>;
  /** Appends as the next chunk after what the stream holds (streams the controller writes). */
  appendNext(key: string, lines: string[]): Promise<AppendOutcome>;
  lineCount(key: string): Promise<number>;
  byteSize(key: string): Promise<number>;
  /** Lines `[from, to)`, 0-based. */
  readLines(key: string, from: number, to: number): Promise<string[]>;
  readBytes(key: string, start: number, end: number): Promise<Buffer>;
  /** The last `n` lines and the number of the first of them. */
  tail(key: string, n: number): Promise<{ firstLine: number; lines: string[] }>;
  /** Calls `listener` after each append to `key` (a wake-up: read what you need). */
  follow(key: string, listener: () => void): () => void;
  close(): Promise<void>;
}

/** Seals credentials at rest (`secrets/CredentialVault`: AES-256-GCM, bound to a context). */
export interface Vault {
  sealJson(value: unknown, context: string): string;
  openJson(sealed: string, context: string): { value: unknown } | { error: string };
}

/** A stage with its own agent under `agent none`, as the coordinator hands it over. */
export interface PlacementRequest {
  stagePath: string;
  agent: Agent;
  inheritedEnv: Record<string, string>;
  signal: AbortSignal;
}
