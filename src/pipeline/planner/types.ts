/**
 * The plan: what a pipeline will do before anything runs. `plan()` builds it
 * from the model and the facts of the build (branch, tag, change request,
 * causes); `rig plan` prints it and the runner walks it. Pure data: no
 * process, file or clock is involved in making it.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Agent, ExecutorKind, Pipeline, Stage } from '../model/pipeline.ts';

/** The facts a plan may depend on. The runner's `BuildContext` is a superset. */
export interface PlanContext {
  branch?: string;
  tag?: string;
  commit?: string;
  jobName?: string;
  buildNumber?: number;
  params?: Record<string, string | boolean>;
  /** Extra environment given by the caller. */
  env?: Record<string, string>;
  changedFiles?: string[];
  changelog?: string[];
  changeRequest?: {
    id: string;
    target: string;
    branch: string;
    fork?: string;
    title?: string;
    author?: string;
    authorDisplayName?: string;
    authorEmail?: string;
    url?: string;
  };
  causes?: Array<{ cause: string; detail?: string }>;
}

export interface Plan {
  pipeline: Pipeline;
  agent: Agent;
  stages: PlannedStage[];
  /** Stages that get their own machine (top-level `agent none` + a stage agent), in tree order. */
  units: string[];
  /** How each option is treated: honoured, or accepted without meaning here. */
  options: OptionNote[];
  diagnostics: Diagnostic[];
}

export type PlannedStageKind = 'steps' | 'sequential' | 'parallel' | 'matrix' | 'cell';

export interface PlannedStage {
  name: string;
  /** Names from the top joined by `/`; matrix cells are named by their axis values. */
  path: string;
  kind: PlannedStageKind;
  /** The model stage. Matrix cells get a synthesised stage carrying the matrix's directives. */
  stage: Stage;
  children: PlannedStage[];
  when: WhenPlan;
  /** Parallel and matrix stages: stop the other branches when one fails. */
  failFast: boolean;
  /** Matrix cells: axis values, in axis order; they become environment variables of the cell. */
  cell?: Array<{ axis: string; value: string }>;
  /** Present when this stage names its own agent. */
  placement?: Placement;
}

/**
 * `run`: no `when`, or every condition is known to hold. `skip`: known before
 * the run not to hold. `runtime`: depends on something only the run knows
 * (an expression, a step result, an environment variable set by a script).
 */
export type WhenPlan =
  | { decision: 'run'; reasons: string[] }
  | { decision: 'skip'; reason: string }
  | { decision: 'runtime'; pending: string[] };

export interface Placement {
  agent: Agent;
  requirement: ExecutorRequirement;
  /** Whether the stage is a placement unit (the build holds no machine above it). */
  unit: boolean;
}

/** What an agent asks of an executor, in words the planner and `rig plan` share. */
export type ExecutorRequirement =
  | { kind: 'none' }
  | { kind: 'any'; label?: string }
  | { kind: 'container'; image?: string; dockerfile?: string }
  | { kind: 'kubernetes' }
  | { kind: 'executor'; executor: ExecutorKind; label?: string; image?: string };

export interface OptionNote {
  /** Stage path, or `pipeline`. */
  scope: string;
  name: string;
  status: 'honoured' | 'not-applicable';
  detail: string;
}
