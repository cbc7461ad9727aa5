/**
 * The shapes every part of the runner shares: the running build, a stage's
 * record, the machine a step runs on, and the dynamic context a step runs
 * in. Interfaces only, so parts depend on this file and not on each other.
 */
import type { Agent, BuildResult, Pipeline } from '../../pipeline/model/pipeline.ts';
import type { Plan, PlannedStage } from '../../pipeline/planner/types.ts';
import type { Job } from '../../executors/contract.ts';
import type {
  ArtifactSink,
  TestResultSink,
  BuildContext,
  CredentialProvider,
  InputHandler,
  LockProvider,
  RunOptions,
  StashStore,
} from '../api.ts';
import type { BuildEvent, LogStream } from '../events.ts';
import type { EnvLayers } from '../env/layers.ts';
import type { Interpreter } from '../groovy/interpreter.ts';
import type { Masker } from '../log/masker.ts';

export interface BuildState {
  readonly options: RunOptions;
  readonly plan: Plan;
  readonly pipeline: Pipeline;
  readonly context: BuildContext;
  readonly interp: Interpreter<ExecContext>;
  readonly masker: Masker;
  /** Jenkins' usual variables that follow from the build's facts, plus parameters and caller env. */
  readonly buildEnv: Readonly<Record<string, string>>;
  /** `env.X = …` from scripts: build-wide, below declarative layers. */
  readonly scriptEnv: Map<string, string>;
  readonly killGraceMs: number;
  readonly postTimeoutMs: number;
  readonly stashes: StashStore;
  readonly locks: LockProvider;
  readonly artifacts: ArtifactSink | undefined;
  readonly testResults: TestResultSink | undefined;
  readonly credentials: CredentialProvider | undefined;
  readonly inputs: InputHandler | undefined;
  /** Set by `currentBuild.result = …`, `unstable`, `catchError`…; only ever gets worse. */
  result: BuildResult | null;
  readonly cancelled: boolean;
  /** Why post blocks run with their own budget (a timeout or cancel happened), for the log. */
  interruptedBy: 'timeout' | 'cancel' | undefined;
  readonly startedAt: number;
  setResult(result: BuildResult): void;
  emit(event: BuildEvent): void;
  log(ctx: ExecContext | null, text: string, stream?: LogStream): void;
  nextStepId(): string;
  /** Processes being stopped after a timeout or cancel; post waits for them. */
  settleStops(): Promise<void>;
  trackStop(stop: Promise<unknown>): void;
  /** Errors already reported in the log (each is reported once). */
  readonly reported: WeakSet<Error>;
  /** Jobs currently held (pipeline agent, stage agents). */
  readonly liveNodes: Set<NodeHandle>;
}

/** A job on an executor: where `sh` and the file steps run. */
export interface NodeHandle {
  readonly job: Job;
  readonly agent: Agent | undefined;
  readonly nodeName: string;
  readonly labels: string[];
  /** The machine's own environment (PATH, HOME…) under host-like executors. */
  readonly baseEnv: Readonly<Record<string, string>>;
}

export interface StageRecord {
  readonly planned: PlannedStage;
  readonly path: string;
  readonly name: string;
  readonly parent: StageRecord | null;
  /** Worst result set by `unstable`, `catchError(stageResult:)`, junit… (Jenkins' WarningAction). */
  warning: BuildResult | null;
  /** Worst result of the stage's children, for the parent's own result. */
  childResult: BuildResult | null;
  readonly startedAt: number;
}

/** Receives results that a step marks on its enclosing stage(s) or post block. */
export type ResultSink = (result: BuildResult) => void;

/**
 * Where a step runs. It travels with every evaluation: the same closure may
 * run under `dir('a')` once and in another parallel branch the next time.
 */
export interface ExecContext {
  readonly build: BuildState;
  readonly stage: StageRecord | null;
  readonly env: EnvLayers;
  /** Working directory as processes see it; undefined without a node. */
  readonly cwd: string | undefined;
  readonly node: NodeHandle | undefined;
  readonly signal: AbortSignal;
  readonly inPost: boolean;
  readonly stepId: string | null;
  readonly sinks: readonly ResultSink[];
  /** Called on every log line (the `timeout(activity: true)` clock). */
  readonly activity: ReadonlyArray<() => void>;
  /** During post: what `currentBuild.result` reads (Jenkins shows the logical result there). */
  readonly resultView: { value: BuildResult } | undefined;
}
