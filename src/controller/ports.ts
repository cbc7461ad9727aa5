/**
 * What the controller needs from outside and does not pick itself: the CLI
 * (`rig serve`) wires real implementations; tests may wire others.
 */
import type {
  Agent,
  BuildContext,
  BuildEventListener,
  BuildResult,
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
  acquireLock: (resource: string, signal?: AbortSignal) => Promise<() => void>;
}) => Promise<{ result: BuildResult }>;

/** Log lines of one stream (a job, the coordinator, the controller's notes). */
export interface LogStreams {
  /** Idempotent by `seq` per key: a seq already stored is ignored. */
  append(key: string, seq: number, lines: string[]): Promise<void>;
  lineCount(key: string): Promise<number>;
  byteSize(key: string): Promise<number>;
  /** Lines `[from, to)`, 0-based. */
  readLines(key: string, from: number, to: number): Promise<string[]>;
  readBytes(key: string, start: number, end: number): Promise<Buffer>;
  /** Called with each appended batch and the number of its first line. */
  follow(key: string, listener: (lines: string[], firstLine: number) => void): () => void;
}

/** Seals credentials at rest (AES-256-GCM in `rig serve`). */
export interface Vault {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** A stage with its own agent under `agent none`, as the coordinator hands it over. */
export interface PlacementRequest {
  stagePath: string;
  agent: Agent;
  inheritedEnv: Record<string, string>;
  signal: AbortSignal;
}
