/**
 * What an executor provides to the shared job implementation: how a step
 * becomes a host command, how to kill every step at once, and what to check
 * at teardown. `StepJob` does the rest (markers, stop, teardown order).
 */
import type { ExecutorKind, LedgerEntry, SpawnRequest } from '../contract.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { ProcessContainer } from '../proc/stop.ts';

export interface Launch {
  argv: string[];
  /** argv[0] as the process sees it, when `argv[0]` is a resolved path. */
  argv0?: string;
  env: Record<string, string>;
  cwd: string;
  /** The host process only relays the step's fate (`nsenter`, `podman exec`). */
  relay?: boolean;
  /** The relay reports death by signal N as exit code 128+N. */
  signalsAsCodes?: boolean;
  /** Runs once the step ended (removes a per-step file). */
  afterExit?: () => void;
}

export interface World {
  readonly kind: ExecutorKind;
  readonly tmpDir: string;
  readonly workspaceInside: string;
  readonly tmpDirInside: string;
  /** Environment every step gets on top of the job's (`RIG_LEDGER`…). */
  readonly stepEnv: Record<string, string>;
  /** The host command for a step; `env` already carries the markers. Or why it cannot start. */
  launch(req: SpawnRequest, env: Record<string, string>): Launch | { error: string };
  /** The step processes as one killable set (the job's cgroup), when there is one. */
  readonly steps?: ProcessContainer;
  /**
   * Runs before the job's processes are stopped (a step's stop, `stopAll`,
   * teardown): note what they are attached to.
   */
  trace?(): Promise<void>;
  /** Every chunk of every step's output, `key` naming step and stream. */
  observe?(key: string, chunk: Buffer): void;
  /**
   * Runs after every process was stopped and before the ledger is destroyed:
   * the executor records what it found the job left (job ledger file, host diff).
   */
  collect?(ledger: Ledger): Promise<void>;
  /** Runs after the ledger was destroyed with what it held: what is still there. */
  verify?(entries: LedgerEntry[]): Promise<Verdict>;
}

export interface Verdict {
  /** Traced to the job and still present: the host is dirty. */
  leftovers: string[];
  /** New on the host while the job ran but not traceable to it (maybe another job's). */
  unattributed: string[];
}
