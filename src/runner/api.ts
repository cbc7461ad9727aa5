/**
 * The runner's public surface: what `rig run`, the agent and the controller
 * call. The implementation lives beside this file; this module only states
 * the contract so every caller builds against the same shape.
 *
 * A build is run by `runBuild(options)`. It never throws for anything a
 * pipeline does (failures are results); it rejects only on a bug.
 *
 * Placement. A pipeline-level agent holds one machine for the whole build:
 * the runner asks `executors.forAgent()` once and runs everything in that
 * job. With `agent none` at the top and stage-level agents, every stage that
 * names an agent is a *placement unit*: the runner hands it to
 * `placement.runUnit()`. Under `rig run` the local placement provider runs the
 * unit right here, with a fresh job; under the controller the unit becomes a
 * job sent to a matching agent, whose runner runs just that stage subtree
 * (`scope.stagePath`). Either way, the same code runs the stage.
 */
import type { Agent, BuildResult, Pipeline } from '../pipeline/model/pipeline.ts';
import type { Executor, ExecutorKind } from '../executors/contract.ts';
import type { BuildEventListener, BuildReport } from './events.ts';
import type { TestCase } from '../reports/tests/junit.ts';

export interface RunOptions {
  pipeline: Pipeline;
  /** Host directory with the checked-out sources; becomes `WORKSPACE`. */
  workspace: string;
  context: BuildContext;
  executors: ExecutorProvider;
  onEvent: BuildEventListener;
  /** Cancel (API, Ctrl-C): the runner stops steps, runs post with its budget, ends ABORTED. */
  signal?: AbortSignal;
  credentials?: CredentialProvider;
  inputs?: InputHandler;
  artifacts?: ArtifactSink;
  /** Where `junit` sends the test cases it read (the agent ships them to the controller). */
  testResults?: TestResultSink;
  stashes?: StashStore;
  locks?: LockProvider;
  placement?: PlacementProvider;
  /** Run only this stage subtree (`rig run --stage`, or a placement unit on an agent). */
  scope?: { stagePath: string; inheritedEnv?: Record<string, string> };
  /** Defaults: post budget 5 min, kill grace 10 s (pipeline options override). */
  postTimeoutMs?: number;
  killGraceMs?: number;
}

/** Facts about this build that pipelines read (env vars, `when` conditions, post `changed`). */
export interface BuildContext {
  buildId: string;
  buildNumber: number;
  jobName: string;
  branch?: string;
  tag?: string;
  commit?: string;
  /** `parameters { }` values after defaults and `--param` overrides. */
  params: Record<string, string | boolean>;
  /** Extra environment (Jenkins' usual variables are added by the runner). */
  env: Record<string, string>;
  /** For `changed`/`fixed`/`regression`: the previous completed build's result. */
  previousResult?: BuildResult;
  /** For `when { changeset }`. */
  changedFiles?: string[];
  /** For `when { changelog }`. */
  changelog?: string[];
  /** For `when { changeRequest }`: present when building a pull request. */
  changeRequest?: ChangeRequest;
  /** For `when { triggeredBy }`: Jenkins cause names (`UserIdCause`, `TimerTrigger`, `SCMTrigger`…). */
  causes: Array<{ cause: string; detail?: string }>;
  /** Where the build came from, e.g. `local` for `rig run`. */
  origin: 'local' | 'controller';
}

export interface ChangeRequest {
  id: string;
  target: string;
  branch: string;
  fork?: string;
  title?: string;
  author?: string;
  authorDisplayName?: string;
  authorEmail?: string;
  url?: string;
}

/** Picks the executor for an `agent` requirement, or says why none can satisfy it. */
export interface ExecutorProvider {
  forAgent(agent: Agent | undefined): Promise<
    | {
        executor: Executor;
        notes: string[];
        /** Job settings the agent block leaves open (e.g. the image for `--executor container`). */
        defaults?: { image?: string };
      }
    | { error: string }
  >;
  /** Executor kinds available here, for messages and `rig plan`. */
  available(): ExecutorKind[];
}

/** Secrets for `credentials('id')` and `withCredentials`. Values are masked in logs. */
export interface CredentialProvider {
  /** Resolves a credential id; rejects with a user-facing message when it is unknown or withheld. */
  get(id: string): Promise<Credential>;
}
export type Credential =
  | { kind: 'secret'; secret: string }
  | { kind: 'usernamePassword'; username: string; password: string }
  | { kind: 'file'; fileName: string; content: Buffer }
  | { kind: 'sshKey'; username: string; privateKey: string; passphrase?: string };

export interface InputHandler {
  /** Resolves with the submitted parameters (and submitter), or rejects to abort. */
  ask(request: {
    stage: string;
    message: string;
    ok?: string;
    parameters: Array<{ name: string; defaultValue?: string | boolean }>;
  }): Promise<{ submitter?: string; values: Record<string, string | boolean> }>;
}

export interface ArtifactSink {
  /** Called once per archived file (path relative to the workspace). */
  put(relativePath: string, absolutePath: string, size: number): Promise<void>;
}

export interface TestResultSink {
  /** Called once per `junit` step with every case its reports held. */
  record(cases: readonly TestCase[]): Promise<void>;
}

export interface StashStore {
  put(name: string, tarball: Buffer): Promise<void>;
  get(name: string): Promise<Buffer | undefined>;
}

export interface LockProvider {
  /** Resolves with a release function once the resource is held. */
  acquire(resource: string, opts: { signal?: AbortSignal }): Promise<() => void>;
}

export interface PlacementProvider {
  runUnit(unit: PlacementUnit): Promise<{ result: BuildResult }>;
}

export interface PlacementUnit {
  stagePath: string;
  agent: Agent;
  inheritedEnv: Record<string, string>;
  onEvent: BuildEventListener;
  signal: AbortSignal;
}

export type { BuildReport };
