/**
 * Walking the stage tree, after pipeline-model-definition's
 * ModelInterpreter: once a stage fails, the stages after it are skipped
 * (and reported so); each stage goes through `when` (at the point
 * beforeOptions/beforeInput/beforeAgent choose), its options, its input,
 * its agent, its environment, then its steps or children, then its post.
 * Skipped stages run no post. A parallel or matrix stage runs its branches
 * at once and its own post after them.
 */
import type { PlannedStage } from '../../pipeline/planner/types.ts';
import { acquireNode, releaseNode } from '../agents/nodes.ts';
import { derive, log } from '../build/context.ts';
import { endStage, stageSink, startStage } from '../build/records.ts';
import type { ExecContext, StageRecord } from '../build/types.ts';
import { runBranches } from '../branches.ts';
import { applyEnvironment } from '../env/directive.ts';
import { asPipelineError, describeError } from '../errors.ts';
import type { PipelineError } from '../errors.ts';
import { runPost } from '../post.ts';
import { runSteps } from '../steps/dispatch.ts';
import { withStageInput } from './input.ts';
import { withOptions } from './options.ts';
import { SKIPPED_FOR_FAILURE, SKIPPED_FOR_UNSTABLE, finishSkipped } from './skip.ts';
import { delegateUnit } from './units.ts';
import { WhenEvaluator } from './when.ts';

/** Runs stages one after another; returns the first error (later stages were skipped). */
export async function runSequential(
  stages: PlannedStage[],
  ctx: ExecContext,
  parent: StageRecord | null,
  earlier?: PipelineError,
): Promise<PipelineError | undefined> {
  let first = earlier;
  for (const stage of stages) {
    const err = await evaluateStage(stage, ctx, parent, first);
    first ??= err;
  }
  return first === earlier ? undefined : first;
}

export async function evaluateStage(
  stage: PlannedStage,
  ctx: ExecContext,
  parent: StageRecord | null,
  earlier: PipelineError | undefined,
): Promise<PipelineError | undefined> {
  const build = ctx.build;
  if (
    !earlier &&
    stage.placement?.unit &&
    build.options.placement &&
    build.options.scope?.stagePath !== stage.path
  ) {
    return delegateUnit(stage, ctx, parent);
  }
  const record = startStage(build, stage, parent);
  const sctx = derive(ctx, { stage: record, sinks: [stageSink(record)] });
  if (earlier) return skip(sctx, record, SKIPPED_FOR_FAILURE);
  if (build.result === 'UNSTABLE' && build.pipeline.options.skipStagesAfterUnstable)
    return skip(sctx, record, SKIPPED_FOR_UNSTABLE);
  const when = new WhenEvaluator(stage.stage.when);
  let error: PipelineError | undefined;
  try {
    await runStageBody(stage, sctx, record, when);
  } catch (thrown) {
    error = asPipelineError(thrown);
    report(sctx, error);
  }
  if (!when.passed) return skip(sctx, record, when.reason);
  if (stage.kind === 'parallel' || stage.kind === 'matrix') {
    error = await runPost({
      blocks: stage.stage.post,
      scope: stage.path,
      ctx: sctx,
      record,
      error,
    });
  }
  endStage(build, record, error ? error.result : 'SUCCESS');
  return error;
}

function skip(ctx: ExecContext, record: StageRecord, reason: string): undefined {
  finishSkipped(ctx.build, record, reason);
  return undefined;
}

async function runStageBody(
  stage: PlannedStage,
  ctx: ExecContext,
  record: StageRecord,
  when: WhenEvaluator,
): Promise<void> {
  const s = stage.stage;
  const w = s.when;
  const cellCtx = stage.cell
    ? derive(ctx, { env: ctx.env.with(stage.cell.map((c) => [c.axis, c.value])) })
    : ctx;
  if (!(await when.check(cellCtx, w?.beforeOptions ?? false))) return;
  await withOptions(s.options, cellCtx, async (octx) => {
    if (!(await when.check(octx, w?.beforeInput ?? false))) return;
    await withStageInput(s.input, octx, async (ictx) => {
      if (stage.kind === 'parallel' || stage.kind === 'matrix') {
        if (!(await when.check(ictx, true))) return;
        await inEnvironment(ictx, stage, (ectx) => runChildrenAtOnce(stage, ectx, record));
        return;
      }
      if (!(await when.check(ictx, w?.beforeAgent ?? false))) return;
      await inAgent(stage, ictx, async (actx) => {
        if (!(await when.check(actx, true))) return;
        await inEnvironment(actx, stage, (ectx) => runContent(stage, ectx, record));
      });
    });
  });
}

async function runChildrenAtOnce(
  stage: PlannedStage,
  ctx: ExecContext,
  record: StageRecord,
): Promise<void> {
  const branches = stage.children.map((child) => ({
    name: child.name,
    run: async (bctx: ExecContext) => {
      const err = await evaluateStage(child, bctx, record, undefined);
      if (err) throw err;
    },
  }));
  const err = await runBranches(ctx, branches, stage.failFast);
  if (err) throw err;
}

/** Steps or nested stages, then the stage's post (inside its agent and environment). */
async function runContent(
  stage: PlannedStage,
  ctx: ExecContext,
  record: StageRecord,
): Promise<void> {
  let error: PipelineError | undefined;
  try {
    if (stage.kind === 'steps' && stage.stage.body.kind === 'steps')
      await runSteps(stage.stage.body.steps, ctx);
    else error = await runSequential(stage.children, ctx, record);
  } catch (thrown) {
    error = asPipelineError(thrown);
    report(ctx, error);
  }
  error = await runPost({ blocks: stage.stage.post, scope: stage.path, ctx, record, error });
  if (error) throw error;
}

async function inEnvironment(
  ctx: ExecContext,
  stage: PlannedStage,
  body: (ctx: ExecContext) => Promise<void>,
): Promise<void> {
  const scoped = await applyEnvironment(ctx, stage.stage.environment);
  try {
    await body(scoped.ctx);
  } finally {
    await scoped.cleanup();
  }
}

async function inAgent(
  stage: PlannedStage,
  ctx: ExecContext,
  body: (ctx: ExecContext) => Promise<void>,
): Promise<void> {
  const agent = stage.placement?.agent;
  if (!agent) return body(ctx);
  const node = await acquireNode(ctx, agent);
  try {
    await body(derive(ctx, { node, cwd: node.job.workspaceInside }));
  } finally {
    await releaseNode(ctx.build, node);
  }
}

/** Each error is written to the log once, where it happened. */
export function report(ctx: ExecContext, error: PipelineError): void {
  if (ctx.build.reported.has(error)) return;
  ctx.build.reported.add(error);
  log(ctx, `ERROR: ${describeError(error)}`);
}
