/**
 * The executor contract: how the runner gets a disposable world for a job and
 * runs processes in it. Implementations: `host` (processes on this machine),
 * `sandbox` (per-job Linux namespaces), `container` (OCI via podman/crun).
 * One conformance suite (src/executors/conformance/) runs against all of them.
 *
 * Lifecycle, per job:
 *
 *   1. `executor.prepare(spec)` creates the world (cgroup, namespaces,
 *      container, …) and returns a `Job`. If it rejects, the executor has
 *      already undone whatever it created; `teardown` is still safe to call.
 *   2. `job.spawn(req)` any number of times, concurrently (parallel branches
 *      share one job). Each process runs in its own process group and carries
 *      `RIG_BUILD_MARKER=<jobId>` and `RIG_STEP_MARKER=<stepId>` in its
 *      environment, so anything it leaves behind — even after `setsid` — can
 *      be found and killed.
 *   3. `proc.stop({ graceMs })` stops one step (the `timeout` step, failFast):
 *      SIGTERM to its group, wait up to `graceMs`, SIGKILL, then sweep every
 *      process carrying its step marker. Resolves when they are gone.
 *   4. `job.stopAll({ graceMs })` stops every process of the job (build
 *      timeout, cancel, Ctrl-C) the same way. The job stays usable: the
 *      runner spawns `post` steps after it. Idempotent.
 *   5. `job.teardown()` always runs last, exactly as `finally` would: it stops
 *      anything still running (no grace), destroys every ledger entry in
 *      reverse order of creation, checks the host against its baseline, and
 *      reports what it removed. Idempotent: a second call returns the first
 *      call's report. Never rejects; failures are in the report.
 *
 * Executors never throw for a process that fails: exit codes and signals are
 * values in `ExitStatus`. They reject only for infrastructure errors (cannot
 * create the namespace, podman missing), as `ExecutorError`.
 */
import type { ExecutorKind, ResourceLimits } from '../pipeline/model/pipeline.ts';

export type { ExecutorKind };

export interface Executor {
  readonly kind: ExecutorKind;
  /** Can this executor run here? Cheap; cached by callers. */
  probe(): Promise<ExecutorProbe>;
  prepare(spec: JobSpec): Promise<Job>;
}

export interface ExecutorProbe {
  available: boolean;
  /** Why not, in words a user can act on ("podman is not installed"). */
  reason?: string;
  /** Facts shown in `rig agents` and the agent page (cgroup version, runtime…). */
  facts: Record<string, string>;
}

export interface JobSpec {
  /** Unique on this host; `[a-z0-9-]`, at most 48 characters. Used in cgroup, netns and container names. */
  jobId: string;
  /** Host directory that exists and becomes the job's working directory. */
  workspace: string;
  /** `container`: the image to run. */
  image?: string;
  /** `container`: extra capabilities so a job can create namespaces inside. */
  privileged?: boolean;
  /** `sandbox`/`container`: `none` = own loopback only (default); `uplink` = veth + NAT to the host. */
  network?: 'none' | 'uplink';
  limits?: Omit<ResourceLimits, 'span'>;
  /** Environment every process of the job gets (before per-spawn env). */
  env?: Record<string, string>;
  /** System messages for the build log ("killed 3 processes", "removed netns x"). */
  log: (message: string) => void;
}

export interface Job {
  readonly id: string;
  readonly executor: ExecutorKind;
  /** The workspace on the host: file steps (writeFile, readFile, stash…) operate here. */
  readonly workspace: string;
  /** A scratch directory on the host, visible to processes at `tmpDirInside`. */
  readonly tmpDir: string;
  /** How processes see `workspace` (the same path for host/sandbox; `/workspace`-style in containers). */
  readonly workspaceInside: string;
  readonly tmpDirInside: string;
  spawn(req: SpawnRequest): Proc;
  stopAll(opts: StopOptions): Promise<StopReport>;
  teardown(): Promise<TeardownReport>;
}

export interface SpawnRequest {
  /** Unique within the job; becomes `RIG_STEP_MARKER`. */
  stepId: string;
  /** argv; paths as processes see them (see `Job.*Inside`). */
  argv: string[];
  /** Working directory as processes see it. */
  cwd: string;
  /** Complete environment for the process (executor adds the markers). */
  env: Record<string, string>;
  /**
   * Raw output. A background process the step left (`server &`) may keep
   * writing after `exit` resolved; that output still arrives here until the
   * process is stopped.
   */
  onStdout: (chunk: Buffer) => void;
  onStderr: (chunk: Buffer) => void;
}

export interface Proc {
  /** Host pid of the process group leader, when known. */
  readonly pid: number | undefined;
  /** Resolves once the process exited and its output was delivered. Never rejects. */
  readonly exit: Promise<ExitStatus>;
  stop(opts: StopOptions): Promise<StopReport>;
}

export interface ExitStatus {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** An infrastructure failure (could not start the process), distinct from the process failing. */
  error?: string;
}

export interface StopOptions {
  /** Between SIGTERM and SIGKILL. */
  graceMs: number;
  /** Why, for the log: "timeout", "cancelled", "failFast". */
  reason: string;
}

export interface StopReport {
  /** Processes signalled, including ones found by the marker sweep. */
  killed: number;
  /** Whether SIGKILL was needed after the grace period. */
  escalated: boolean;
}

/** Something a job created that outlives its processes; destroyed at teardown. */
export interface LedgerEntry {
  kind: LedgerKind;
  /** Name or path: `rig-ns-1`, `veth0`, `/tmp/x`, a container id. */
  id: string;
  /** Who recorded it: the executor, the job (`rig ledger add`), or the host diff. */
  source: 'executor' | 'job' | 'diff';
  /** Extra data needed to destroy it (netns for a link, runtime for a container). */
  detail?: Record<string, string>;
}

export type LedgerKind =
  | 'process'
  | 'netns'
  | 'link'
  | 'mount'
  | 'container'
  | 'cgroup'
  | 'tmpdir'
  | 'loop'
  | 'vm'
  | 'machine';

export interface TeardownReport {
  removed: LedgerEntry[];
  failed: Array<{ entry: LedgerEntry; error: string }>;
  /** Differences from the host baseline that teardown could not undo: the host is dirty. */
  leftovers: string[];
  /**
   * New on the host while the job ran but not traceable to it (another job or
   * user may have made them), so teardown left them alone. The agent's idle
   * baseline check decides whether the host is dirty.
   */
  unattributed?: string[];
  durationMs: number;
}

/** Infrastructure failure of an executor (never a failing step). */
export class ExecutorError extends Error {
  constructor(
    message: string,
    readonly executor: ExecutorKind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExecutorError';
  }
}
