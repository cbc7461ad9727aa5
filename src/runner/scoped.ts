/**
 * Running one stage subtree: `rig run --stage NAME`, or a placement unit on
 * an agent (`scope.inheritedEnv` carries the environment the controller's
 * side computed). Without inherited environment, the pipeline's and the
 * ancestors' `environment` blocks are evaluated here.
 */
import { findStage } from '../pipeline/planner/find.ts';
import type { PlannedStage } from '../pipeline/planner/types.ts';
import { acquireNode, releaseNode } from './agents/nodes.ts';
import type { RunOptions } from './api.ts';
import { derive } from './build/context.ts';
import type { ExecContext, NodeHandle } from './build/types.ts';
import { applyEnvironment } from './env/directive.ts';
import { StepFailure, asPipelineError } from './errors.ts';
import type { PipelineError } from './errors.ts';
import { withOptions } from './stages/options.ts';
import { evaluateStage, report } from './stages/walk.ts';

export async function runScoped(
  root: ExecContext,
  scope: NonNullable<RunOptions['scope']>,
): Promise<PipelineError | undefined> {
  const build = root.build;
  const found = findStage(build.plan, scope.stagePath);
  if ('error' in found) throw new StepFailure(found.error);
  const cleanups: Array<() => Promise<void>> = [];
  let node: NodeHandle | undefined;
  let ctx = root;
  try {
    const holder = [...found.ancestors].reverse().find((a) => a.placement);
    const agent =
      holder?.placement?.agent ?? (found.stage.placement ? undefined : build.pipeline.agent);
    if (agent && agent.kind !== 'none') {
      node = await acquireNode(ctx, agent);
      ctx = derive(ctx, { node, cwd: node.job.workspaceInside });
    }
    if (scope.inheritedEnv)
      ctx = derive(ctx, { env: ctx.env.with(Object.entries(scope.inheritedEnv)) });
    else {
      for (const vars of [build.pipeline.environment, ...found.ancestors.map(envOf)]) {
        const scoped = await applyEnvironment(ctx, vars);
        cleanups.push(scoped.cleanup);
        ctx = scoped.ctx;
      }
    }
    const target = found.stage;
    if (scope.inheritedEnv) return await evaluateStage(target, ctx, null, undefined);
    let error: PipelineError | undefined;
    await withOptions(build.pipeline.options, ctx, async (c) => {
      error = await evaluateStage(target, c, null, undefined);
      if (error) throw error;
    }).catch((thrown: unknown) => {
      error = asPipelineError(thrown);
      report(ctx, error);
    });
    return error;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    if (node) await releaseNode(build, node);
  }
}

function envOf(stage: PlannedStage): PlannedStage['stage']['environment'] {
  const cell = stage.cell ?? [];
  const axes = cell.map((c) => ({
    name: c.axis,
    value: {
      kind: 'expr' as const,
      expr: {
        kind: 'str' as const,
        value: c.value,
        quote: 'single' as const,
        span: stage.stage.span,
      },
    },
    span: stage.stage.span,
  }));
  return [...axes, ...stage.stage.environment];
}
