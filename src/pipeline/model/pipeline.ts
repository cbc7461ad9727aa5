/**
 * The pipeline model: what a Jenkinsfile or a rig.yaml means, independent of
 * its syntax. Both front ends produce it; the planner and runner consume it.
 * Every node keeps the span of the text it came from.
 *
 * Values that Jenkins evaluates at run time (step arguments, environment
 * values, `when { expression }`) stay Groovy expressions here; the runner
 * evaluates them with the build's environment.
 */
import type { Arg, Expr, FunctionDef, Stmt } from './groovy.ts';
import type { Span } from './span.ts';

export type SourceFormat = 'jenkinsfile' | 'yaml';

export interface Pipeline {
  source: { file: string; format: SourceFormat };
  /** Required at the top level; `undefined` only inside stages. */
  agent: Agent;
  options: Options;
  environment: EnvVar[];
  parameters: Parameter[];
  triggers: Trigger[];
  tools: Tool[];
  stages: Stage[];
  post: PostBlock[];
  /** `@Library('x@1') _` and `library 'x'`: their steps are unknown to Rig. */
  libraries: LibraryRef[];
  /** Top-level `def` functions, callable from `script { }`. */
  functions: FunctionDef[];
  /** Other top-level statements (`def x = …`, `@Field` declarations), run before the pipeline. */
  prelude: Stmt[];
  span: Span;
}

// ---------------------------------------------------------------- agents

/**
 * Where a pipeline or stage runs. `label`/`node` are matched against agents
 * by the controller (under `rig run`, the local machine meets them). `docker`,
 * `dockerfile` and `kubernetes` are executor requirements: a run where no
 * executor can satisfy them fails with a clear message. `executor` is Rig's
 * own form (rig.yaml, or `agent { executor 'sandbox' }`).
 */
export type Agent =
  | { kind: 'any'; span: Span }
  | { kind: 'none'; span: Span }
  | { kind: 'label'; label: string; customWorkspace?: string; span: Span }
  | { kind: 'node'; label: string; customWorkspace?: string; span: Span }
  | {
      kind: 'docker';
      image: string;
      args?: string;
      label?: string;
      registryUrl?: string;
      registryCredentialsId?: string;
      alwaysPull: boolean;
      reuseNode: boolean;
      customWorkspace?: string;
      span: Span;
    }
  | {
      kind: 'dockerfile';
      filename: string;
      dir?: string;
      additionalBuildArgs?: string;
      args?: string;
      label?: string;
      reuseNode: boolean;
      customWorkspace?: string;
      span: Span;
    }
  | {
      kind: 'kubernetes';
      yaml?: string;
      yamlFile?: string;
      cloud?: string;
      label?: string;
      defaultContainer?: string;
      span: Span;
    }
  | {
      kind: 'executor';
      executor: ExecutorKind;
      label?: string;
      image?: string;
      privileged?: boolean;
      network?: 'none' | 'uplink';
      span: Span;
    };

export type ExecutorKind = 'host' | 'sandbox' | 'container';

// ---------------------------------------------------------------- options

/**
 * Options honoured by Rig have typed fields. Everything else Jenkins accepts
 * is kept in `other` and reported as not applicable, never silently dropped.
 */
export interface Options {
  timeout?: TimeoutOption;
  retry?: RetryOption;
  skipDefaultCheckout?: FlagOption;
  skipStagesAfterUnstable?: FlagOption;
  parallelsAlwaysFailFast?: FlagOption;
  disableConcurrentBuilds?: FlagOption & { abortPrevious: boolean };
  disableResume?: FlagOption;
  quietPeriod?: { seconds: number; span: Span };
  timestamps?: FlagOption;
  ansiColor?: { colorMap: string; span: Span };
  checkoutToSubdirectory?: { dir: string; span: Span };
  buildDiscarder?: { numToKeep?: number; daysToKeep?: number; span: Span };
  /** Rig: the budget post blocks get after a timeout or cancel (default 5 min). */
  postTimeout?: { ms: number; span: Span };
  /** Rig: grace between SIGTERM and SIGKILL when a step is stopped (default 10 s). */
  killGrace?: { ms: number; span: Span };
  /** Rig: resource limits for the job's cgroup. */
  limits?: ResourceLimits;
  /** Accepted but without meaning under Rig; reported as not applicable. */
  other: UnsupportedOption[];
}

export interface FlagOption {
  span: Span;
}
export interface TimeoutOption {
  ms: number;
  /** `activity: true`: the clock restarts on every log line. */
  activity: boolean;
  span: Span;
}
export interface RetryOption {
  count: number;
  /** `retry(count: 2, conditions: [agent(), nonresumable()])`. */
  conditions: Array<'agent' | 'nonresumable' | 'kubernetesAgent'>;
  span: Span;
}
export interface ResourceLimits {
  memoryBytes?: number;
  cpus?: number;
  pids?: number;
  span: Span;
}
export interface UnsupportedOption {
  name: string;
  args: Arg[];
  reason: string;
  span: Span;
}

// ---------------------------------------------------------------- environment, parameters, triggers, tools

export interface EnvVar {
  name: string;
  value: EnvValue;
  span: Span;
}
export type EnvValue =
  | { kind: 'expr'; expr: Expr }
  /** `credentials('id')`: resolved by the credential provider at run time. */
  | { kind: 'credentials'; id: string; span: Span };

export type ParameterKind =
  'string' | 'text' | 'booleanParam' | 'choice' | 'password' | 'file' | 'run' | 'credentials';

export interface Parameter {
  kind: ParameterKind;
  name: string;
  description?: string;
  /** string/text/password: string; booleanParam: boolean; choice: first choice. */
  defaultValue?: string | boolean;
  choices?: string[];
  trim?: boolean;
  span: Span;
}

export type Trigger =
  | { kind: 'cron'; spec: string; span: Span }
  | { kind: 'pollSCM'; spec: string; span: Span }
  | { kind: 'upstream'; projects: string[]; threshold?: string; span: Span }
  | { kind: 'other'; name: string; args: Arg[]; span: Span };

export interface Tool {
  /** `maven`, `jdk`, `nodejs`, … */
  type: string;
  name: string;
  span: Span;
}

export interface LibraryRef {
  name: string;
  version?: string;
  span: Span;
}

// ---------------------------------------------------------------- stages

export interface Stage {
  name: string;
  agent?: Agent;
  options: Options;
  environment: EnvVar[];
  tools: Tool[];
  when?: When;
  input?: Input;
  failFast: boolean;
  body: StageBody;
  post: PostBlock[];
  span: Span;
}

export type StageBody =
  | { kind: 'steps'; steps: Step[]; span: Span }
  | { kind: 'stages'; stages: Stage[]; span: Span }
  | { kind: 'parallel'; stages: Stage[]; span: Span }
  | { kind: 'matrix'; matrix: Matrix; span: Span };

export interface Matrix {
  axes: Axis[];
  excludes: MatrixExclude[];
  agent?: Agent;
  options: Options;
  environment: EnvVar[];
  tools: Tool[];
  when?: When;
  input?: Input;
  /** The stages each cell runs, in order. */
  stages: Stage[];
  post: PostBlock[];
  span: Span;
}

export interface Axis {
  name: string;
  values: string[];
  span: Span;
}

/** A cell is excluded when every condition of one exclude matches. */
export interface MatrixExclude {
  conditions: Array<{ axis: string; values: string[]; negate: boolean; span: Span }>;
  span: Span;
}

// ---------------------------------------------------------------- steps

/**
 * A declarative step: `sh 'make'`, `dir('x') { … }`, `timeout(time: 5) { … }`.
 * `script { }` holds Groovy statements of the documented subset.
 */
export type Step =
  | { kind: 'step'; name: string; args: Arg[]; body?: Step[]; span: Span }
  | { kind: 'script'; body: Stmt[]; span: Span };

// ---------------------------------------------------------------- when, input, post

export interface When {
  conditions: WhenCondition[];
  beforeAgent: boolean;
  beforeInput: boolean;
  beforeOptions: boolean;
  span: Span;
}

export type Comparator = 'EQUALS' | 'GLOB' | 'REGEXP';

export type WhenCondition =
  | { kind: 'branch'; pattern: string; comparator: Comparator; span: Span }
  | { kind: 'tag'; pattern: string; comparator: Comparator; span: Span }
  | { kind: 'buildingTag'; span: Span }
  | {
      kind: 'environment';
      name: string;
      value: string;
      ignoreCase: boolean;
      comparator: Comparator;
      span: Span;
    }
  | { kind: 'equals'; expected: Expr; actual: Expr; span: Span }
  | { kind: 'expression'; body: Stmt[]; span: Span }
  | {
      kind: 'changeset';
      pattern: string;
      comparator: Comparator;
      caseSensitive: boolean;
      span: Span;
    }
  | { kind: 'changelog'; pattern: string; span: Span }
  | {
      kind: 'changeRequest';
      /** Attribute filters such as `target: 'main'`, `author: 'x'`; empty = any change request. */
      filters: Array<{ name: string; value: string }>;
      comparator: Comparator;
      span: Span;
    }
  | { kind: 'triggeredBy'; cause: string; detail?: string; span: Span }
  | { kind: 'not'; condition: WhenCondition; span: Span }
  | { kind: 'allOf'; conditions: WhenCondition[]; span: Span }
  | { kind: 'anyOf'; conditions: WhenCondition[]; span: Span };

export interface Input {
  message: string;
  id?: string;
  ok?: string;
  submitter?: string;
  submitterParameter?: string;
  parameters: Parameter[];
  span: Span;
}

/** In the order Jenkins' plugin code runs them, whatever their order in the file. */
export const POST_CONDITIONS = [
  'always',
  'changed',
  'fixed',
  'regression',
  'aborted',
  'success',
  'unsuccessful',
  'unstable',
  'failure',
  'notBuilt',
  'cleanup',
] as const;
export type PostCondition = (typeof POST_CONDITIONS)[number];

export interface PostBlock {
  condition: PostCondition;
  steps: Step[];
  span: Span;
}

export type BuildResult = 'SUCCESS' | 'UNSTABLE' | 'FAILURE' | 'NOT_BUILT' | 'ABORTED';
