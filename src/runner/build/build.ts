/**
 * The running build: its result, events, masking, environment and the
 * providers steps use. Created once per `runBuild` call.
 */
import type { Pipeline, BuildResult } from '../../pipeline/model/pipeline.ts';
import type { Plan } from '../../pipeline/planner/types.ts';
import { buildEnvFromContext } from '../../pipeline/planner/build-env.ts';
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
import { defaultLockProvider } from '../defaults/locks.ts';
import { MemoryStashStore } from '../defaults/stashes.ts';
import type { BuildEvent, LogStream } from '../events.ts';
import { Interpreter } from '../groovy/interpreter.ts';
import { createGroovyHost } from '../host/groovy-host.ts';
import { Masker } from '../log/masker.ts';
import { isWorse } from '../results.ts';
import type { BuildState, ExecContext, NodeHandle } from './types.ts';

const DEFAULT_POST_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_KILL_GRACE_MS = 10_000;

export class Build implements BuildState {
  readonly pipeline: Pipeline;
  readonly context: BuildContext;
  readonly interp: Interpreter<ExecContext>;
  readonly masker = new Masker();
  readonly buildEnv: Record<string, string>;
  readonly scriptEnv = new Map<string, string>();
  readonly killGraceMs: number;
  readonly postTimeoutMs: number;
  readonly stashes: StashStore;
  readonly locks: LockProvider;
  readonly artifacts: ArtifactSink | undefined;
  readonly testResults: TestResultSink | undefined;
  readonly credentials: CredentialProvider | undefined;
  readonly inputs: InputHandler | undefined;
  readonly reported = new WeakSet<Error>();
  readonly liveNodes = new Set<NodeHandle>();
  readonly startedAt = Date.now();
  result: BuildResult | null = null;
  cancelled = false;
  interruptedBy: 'timeout' | 'cancel' | undefined;
  private stepCounter = 0;
  private readonly stops: Array<Promise<unknown>> = [];

  constructor(
    readonly options: RunOptions,
    readonly plan: Plan,
  ) {
    this.pipeline = options.pipeline;
    this.context = {
      ...options.context,
      params: withDefaults(this.pipeline, options.context.params),
    };
    const opts = this.pipeline.options;
    this.killGraceMs = opts.killGrace?.ms ?? options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    this.postTimeoutMs = opts.postTimeout?.ms ?? options.postTimeoutMs ?? DEFAULT_POST_TIMEOUT_MS;
    this.buildEnv = buildEnvFromContext(this.context);
    this.stashes = options.stashes ?? new MemoryStashStore();
    this.locks = options.locks ?? defaultLockProvider;
    this.artifacts = options.artifacts;
    this.testResults = options.testResults;
    this.credentials = options.credentials;
    this.inputs = options.inputs;
    this.interp = new Interpreter(
      createGroovyHost(),
      new Map(this.pipeline.functions.map((f) => [f.name, f])),
    );
  }

  setResult(result: BuildResult): void {
    if (this.result === null || isWorse(result, this.result)) this.result = result;
  }

  markCancelled(): void {
    this.cancelled = true;
    this.interruptedBy ??= 'cancel';
    this.setResult('ABORTED');
  }

  emit(event: BuildEvent): void {
    try {
      this.options.onEvent(event);
    } catch {
      // A listener's bug must not change the build's outcome.
    }
  }

  log(ctx: ExecContext | null, text: string, stream: LogStream = 'system'): void {
    this.emit({
      type: 'log',
      at: Date.now(),
      stage: ctx?.stage?.path ?? null,
      stepId: ctx?.stepId ?? null,
      stream,
      text: this.masker.mask(text),
    });
    if (ctx) for (const touch of ctx.activity) touch();
  }

  nextStepId(): string {
    this.stepCounter += 1;
    return `step-${this.stepCounter}`;
  }

  trackStop(stop: Promise<unknown>): void {
    this.stops.push(stop);
  }

  async settleStops(): Promise<void> {
    await Promise.allSettled(this.stops);
  }
}

/** Parameters the caller did not give take their declared defaults. */
function withDefaults(
  pipeline: Pipeline,
  given: Record<string, string | boolean>,
): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const p of pipeline.parameters)
    if (p.defaultValue !== undefined) out[p.name] = p.defaultValue;
  return { ...out, ...given };
}
