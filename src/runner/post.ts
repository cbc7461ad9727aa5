/**
 * Post conditions, as pipeline-model-definition's ModelInterpreter runs
 * them: in the plugin's order (always, changed, fixed, regression, aborted,
 * success, unsuccessful, unstable, failure, notBuilt, cleanup) whatever the
 * file's order; each condition is checked when its turn comes, so a failing
 * `always` makes `failure` run; an error in one block does not stop the
 * later ones; while a block runs, `currentBuild.result` reads the logical
 * result.
 *
 * Rig's improvement: every post block runs with its own time budget
 * (`postTimeout`, default 5 min), in a scope that no timeout or cancel of
 * the stages can interrupt. In Jenkins a pipeline timeout also covers post,
 * so a build that timed out may never clean up.
 */
import { POST_CONDITIONS } from '../pipeline/model/pipeline.ts';
import type { BuildResult, PostBlock, PostCondition } from '../pipeline/model/pipeline.ts';
import { formatMs } from '../pipeline/planner/options.ts';
import { derive, log } from './build/context.ts';
import type { ExecContext, StageRecord } from './build/types.ts';
import { Interruption, asPipelineError, describeError } from './errors.ts';
import type { PipelineError } from './errors.ts';
import { isWorse, worst } from './results.ts';
import { runSteps } from './steps/dispatch.ts';

export interface PostRun {
  blocks: PostBlock[];
  /** `pipeline` or a stage path. */
  scope: string;
  ctx: ExecContext;
  record: StageRecord | null;
  error: PipelineError | undefined;
}

/** Runs the blocks whose condition holds; returns the first error (the stage's or a block's). */
export async function runPost(run: PostRun): Promise<PipelineError | undefined> {
  let error = run.error;
  if (run.blocks.length === 0) return error;
  await run.ctx.build.settleStops();
  for (const condition of POST_CONDITIONS) {
    const block = run.blocks.find((b) => b.condition === condition);
    if (!block) continue;
    const logical = worst(run.ctx.build.result, run.record?.warning, error?.result);
    if (!meets(condition, logical, run, error)) continue;
    error = await runBlock(run, block, logical, error);
  }
  return error;
}

function meets(
  condition: PostCondition,
  logical: BuildResult,
  run: PostRun,
  error: PipelineError | undefined,
): boolean {
  const previous = run.ctx.build.context.previousResult;
  const overall = worst(run.ctx.build.result, error?.result);
  switch (condition) {
    case 'always':
    case 'cleanup':
      return true;
    case 'changed':
      return previous === undefined || overall !== previous;
    case 'fixed':
      return (
        previous !== undefined &&
        overall === 'SUCCESS' &&
        (previous === 'FAILURE' || previous === 'UNSTABLE')
      );
    case 'regression':
      return previous !== undefined && isWorse(overall, previous);
    case 'aborted':
      return logical === 'ABORTED';
    case 'success':
      return logical === 'SUCCESS';
    case 'unsuccessful':
      return logical !== 'SUCCESS';
    case 'unstable':
      return logical === 'UNSTABLE';
    case 'failure':
      return logical === 'FAILURE';
    case 'notBuilt':
      return logical === 'NOT_BUILT';
  }
}

async function runBlock(
  run: PostRun,
  block: PostBlock,
  logical: BuildResult,
  error: PipelineError | undefined,
): Promise<PipelineError | undefined> {
  const build = run.ctx.build;
  const budgetMs = build.postTimeoutMs;
  const budget = new AbortController();
  const timer = setTimeout(() => {
    log(
      run.ctx,
      `post ${block.condition}: its budget of ${formatMs(budgetMs)} ran out; stopping it`,
    );
    budget.abort(
      new Interruption(
        'ABORTED',
        'post-budget',
        true,
        `post ${block.condition} exceeded its budget of ${formatMs(budgetMs)}`,
      ),
    );
  }, budgetMs);
  let blockResult: BuildResult = 'SUCCESS';
  const view = { value: logical };
  const ctx = derive(run.ctx, {
    signal: budget.signal,
    inPost: true,
    resultView: view,
    sinks: [...run.ctx.sinks, (r) => (blockResult = worst(blockResult, r))],
  });
  build.emit({ type: 'post.start', at: Date.now(), scope: run.scope, condition: block.condition });
  log(run.ctx, `Post (${block.condition})`);
  try {
    await runSteps(block.steps, ctx);
  } catch (thrown) {
    const err = asPipelineError(thrown);
    blockResult = worst(blockResult, err.result);
    log(run.ctx, `Error when executing ${block.condition} post condition: ${describeError(err)}`);
    build.reported.add(err);
    error ??= err;
  } finally {
    clearTimeout(timer);
  }
  build.emit({
    type: 'post.end',
    at: Date.now(),
    scope: run.scope,
    condition: block.condition,
    result: blockResult,
  });
  return error;
}
