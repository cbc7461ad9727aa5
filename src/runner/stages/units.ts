/**
 * Placement units: under a top-level `agent none`, a stage that names an
 * agent may run elsewhere (the controller sends it to a matching agent,
 * whose runner runs just that subtree). Its events come back through
 * `onEvent` and are forwarded into this build's stream.
 */
import type { PlannedStage } from '../../pipeline/planner/types.ts';
import type { ExecContext, StageRecord } from '../build/types.ts';
import { declaredEnv } from '../env/lookup.ts';
import { ResultError } from '../errors.ts';
import type { PipelineError } from '../errors.ts';
import { isWorse } from '../results.ts';

export async function delegateUnit(
  stage: PlannedStage,
  ctx: ExecContext,
  parent: StageRecord | null,
): Promise<PipelineError | undefined> {
  const build = ctx.build;
  const placement = build.options.placement;
  const agent = stage.placement?.agent;
  if (!placement || !agent) return undefined;
  const { result } = await placement.runUnit({
    stagePath: stage.path,
    agent,
    inheritedEnv: declaredEnv(ctx),
    signal: ctx.signal,
    onEvent: (event) => {
      if (event.type !== 'build.start' && event.type !== 'build.end') build.emit(event);
    },
  });
  if (parent && (parent.childResult === null || isWorse(result, parent.childResult)))
    parent.childResult = result;
  if (result === 'SUCCESS') return undefined;
  if (result === 'UNSTABLE') {
    build.setResult('UNSTABLE');
    return undefined;
  }
  return new ResultError(result, `stage ${stage.path} ended ${result}`);
}
