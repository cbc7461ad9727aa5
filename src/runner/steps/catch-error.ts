/**
 * `catchError` and `warnError` (workflow-basic-steps' CatchErrorStep): the
 * body's error is caught; the build gets `buildResult` (default FAILURE),
 * the stage `stageResult` (default SUCCESS). An interruption sets both to
 * its own result (ABORTED), and a real one is let through when
 * `catchInterruptions: false`.
 */
import type { BuildResult } from '../../pipeline/model/pipeline.ts';
import { log, markResult } from '../build/context.ts';
import type { ExecContext } from '../build/types.ts';
import {
  Interruption,
  ScriptError,
  StepFailure,
  asPipelineError,
  describeError,
} from '../errors.ts';
import { isWorse, parseResult } from '../results.ts';
import type { StepArgs } from './args.ts';
import type { Body, StepImpl } from './types.ts';

export const catchError: StepImpl = {
  needsNode: false,
  async run({ ctx, args, body }) {
    const buildResult = resultArg(args, 'buildResult', 'FAILURE');
    const stageResult = resultArg(args, 'stageResult', 'SUCCESS');
    return catchInto(ctx, body, {
      buildResult,
      stageResult,
      message: args.optStr('message'),
      catchInterruptions: args.bool('catchInterruptions', true),
    });
  },
};

export const warnError: StepImpl = {
  needsNode: false,
  async run({ ctx, args, body }) {
    return catchInto(ctx, body, {
      buildResult: 'UNSTABLE',
      stageResult: 'UNSTABLE',
      message: args.str('message'),
      catchInterruptions: args.bool('catchInterruptions', true),
    });
  },
};

interface CatchOptions {
  buildResult: BuildResult;
  stageResult: BuildResult;
  message: string | undefined;
  catchInterruptions: boolean;
}

async function catchInto(
  ctx: ExecContext,
  body: Body | undefined,
  opts: CatchOptions,
): Promise<null> {
  if (!body) return null;
  try {
    await body(ctx);
    return null;
  } catch (thrown) {
    if (!(thrown instanceof Error)) throw thrown;
    const err = asPipelineError(thrown);
    if (!opts.catchInterruptions && err instanceof Interruption && err.actualInterruption)
      throw err;
    if (opts.message) log(ctx, `ERROR: ${opts.message}`);
    let { buildResult, stageResult } = opts;
    if (err instanceof Interruption) {
      log(ctx, `Interrupted: ${err.message}`);
      buildResult = stageResult = err.result;
    } else
      log(
        ctx,
        err instanceof StepFailure ? `ERROR: ${err.message}` : `ERROR: ${describeError(err)}`,
      );
    ctx.build.reported.add(err);
    if (isWorse(buildResult, 'SUCCESS')) {
      if (ctx.build.result === null || isWorse(buildResult, ctx.build.result))
        log(ctx, `Setting overall build result to ${buildResult}`);
      ctx.build.setResult(buildResult);
    }
    if (isWorse(stageResult, 'SUCCESS')) markResult(ctx, stageResult);
    return null;
  }
}

function resultArg(args: StepArgs, name: string, fallback: BuildResult): BuildResult {
  const text = args.optStr(name);
  if (text === undefined) return fallback;
  const r = parseResult(text);
  if (!r)
    throw new ScriptError(
      `${name} is invalid: ${text}. Valid options are SUCCESS, UNSTABLE, FAILURE, NOT_BUILT and ABORTED.`,
      args.span,
      'java.lang.IllegalArgumentException',
    );
  return r;
}
