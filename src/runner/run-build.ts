/**
 * `runBuild`: plan the pipeline, hold its agent, evaluate its environment,
 * walk its stages, run its post with its own budget, tear every job down,
 * and report. Never throws for anything a pipeline does; failures are
 * results. Cancel (`options.signal`) stops running steps and still runs
 * post; the runner itself is never what gets killed.
 */
import { plan } from '../pipeline/planner/plan.ts';
import { formatMs } from '../pipeline/planner/options.ts';
import { acquireNode, releaseNode } from './agents/nodes.ts';
import type { BuildReport, RunOptions } from './api.ts';
import { Build } from './build/build.ts';
import { derive, log } from './build/context.ts';
import type { ExecContext, NodeHandle } from './build/types.ts';
import { applyEnvironment } from './env/directive.ts';
import type { Scoped } from './env/directive.ts';
import { EnvLayers } from './env/layers.ts';
import { Interruption, asPipelineError } from './errors.ts';
import type { PipelineError } from './errors.ts';
import { logCheckout, logNotes } from './notes.ts';
import { runPost } from './post.ts';
import { ReportBuilder } from './report.ts';
import { worst } from './results.ts';
import { runScoped } from './scoped.ts';
import { withOptions } from './stages/options.ts';
import { report, runSequential } from './stages/walk.ts';

export async function runBuild(options: RunOptions): Promise<BuildReport> {
  const reporter = new ReportBuilder();
  const build = new Build(
    {
      ...options,
      onEvent: (e) => {
        reporter.add(e);
        options.onEvent(e);
      },
    },
    plan(options.pipeline, options.context),
  );
  build.emit({ type: 'build.start', at: build.startedAt, buildId: options.context.buildId });
  const stages = new AbortController();
  const root: ExecContext = {
    build,
    stage: null,
    env: EnvLayers.empty(),
    cwd: undefined,
    node: undefined,
    signal: stages.signal,
    inPost: false,
    stepId: null,
    sinks: [],
    activity: [],
    resultView: undefined,
  };
  const onCancel = (): void => {
    if (build.cancelled) return;
    build.markCancelled();
    log(
      root,
      `Cancelled: stopping running steps (SIGTERM, then SIGKILL after ${formatMs(build.killGraceMs)}); post blocks still run`,
    );
    stages.abort(new Interruption('ABORTED', 'cancel', true, 'the build was cancelled'));
  };
  options.signal?.addEventListener('abort', onCancel);
  if (options.signal?.aborted) onCancel();

  let ctx = root;
  let node: NodeHandle | undefined;
  let env: Scoped | undefined;
  let firstError: PipelineError | undefined;
  let stagesRan = false;
  const unit = options.scope?.inheritedEnv !== undefined;
  try {
    logNotes(root);
    await build.interp.execBlock(build.pipeline.prelude, build.interp.binding, root);
    if (options.scope) {
      stagesRan = true;
      firstError = await runScoped(root, options.scope);
    } else {
      if (build.pipeline.agent.kind !== 'none') {
        node = await acquireNode(root, build.pipeline.agent);
        ctx = derive(ctx, { node, cwd: node.job.workspaceInside });
        logCheckout(ctx);
      }
      env = await applyEnvironment(ctx, build.pipeline.environment);
      ctx = env.ctx;
      stagesRan = true;
      firstError = await runStages(ctx);
    }
  } catch (thrown) {
    firstError = asPipelineError(thrown);
    report(ctx, firstError);
  }
  if (!stagesRan) await runSequential(build.plan.stages, ctx, null, firstError);

  if (!unit) {
    await prepareForPost(ctx, firstError);
    firstError = await runPost({
      blocks: build.pipeline.post,
      scope: 'pipeline',
      ctx,
      record: null,
      error: firstError,
    });
  }
  options.signal?.removeEventListener('abort', onCancel);
  await env?.cleanup();
  if (node) await releaseNode(build, node);
  for (const leftover of [...build.liveNodes]) await releaseNode(build, leftover);
  const result = worst(build.result, firstError?.result);
  const at = Date.now();
  build.emit({ type: 'build.end', at, result, durationMs: at - build.startedAt });
  return reporter.report();
}

/** The top-level stages inside the pipeline's options (timeout, retry). */
async function runStages(ctx: ExecContext): Promise<PipelineError | undefined> {
  const build = ctx.build;
  try {
    await withOptions(build.pipeline.options, ctx, async (c) => {
      const err = await runSequential(build.plan.stages, c, null);
      if (err) throw err;
    });
    return undefined;
  } catch (thrown) {
    return asPipelineError(thrown);
  }
}

/**
 * After a timeout or cancel, processes the stages left behind are stopped
 * before post runs, so post starts on a quiet machine with its own budget.
 */
async function prepareForPost(ctx: ExecContext, error: PipelineError | undefined): Promise<void> {
  const build = ctx.build;
  await build.settleStops();
  if (worst(build.result, error?.result) !== 'ABORTED' || !build.interruptedBy) return;
  if (build.pipeline.post.length > 0) {
    log(
      ctx,
      `The build was ${build.interruptedBy === 'timeout' ? 'timed out' : 'cancelled'}: post blocks run with their own budget of ${formatMs(build.postTimeoutMs)} each (Rig's postTimeout), which no timeout of the stages can use up`,
    );
  }
  for (const node of build.liveNodes) {
    const stopped = await node.job.stopAll({
      graceMs: build.killGraceMs,
      reason: build.interruptedBy,
    });
    if (stopped.killed > 0) log(ctx, `Stopped ${stopped.killed} process(es) left by the stages`);
  }
}
