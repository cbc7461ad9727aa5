/**
 * What the log says at the start about parts of the pipeline that Rig
 * accepts but does not act on here, so nothing is silently ignored.
 */
import { log } from './build/context.ts';
import type { ExecContext } from './build/types.ts';

export function logNotes(ctx: ExecContext): void {
  const p = ctx.build.pipeline;
  const local = ctx.build.context.origin === 'local';
  const o = p.options;
  if (o.quietPeriod && local)
    log(ctx, `quietPeriod(${o.quietPeriod.seconds}) is not meaningful for rig run; starting now`);
  if (o.disableConcurrentBuilds && local)
    log(
      ctx,
      'disableConcurrentBuilds applies to builds the controller schedules; rig run ignores it',
    );
  if (o.buildDiscarder && local)
    log(ctx, 'buildDiscarder applies to builds the controller keeps; rig run ignores it');
  if (o.disableResume) log(ctx, 'disableResume: Rig does not resume builds; nothing to disable');
  for (const other of o.other) log(ctx, `option ${other.name} is not applicable: ${other.reason}`);
  for (const lib of p.libraries)
    log(
      ctx,
      `library ${lib.name}${lib.version ? `@${lib.version}` : ''}: shared libraries are not loaded by Rig; their steps are unknown`,
    );
  for (const tool of p.tools)
    log(
      ctx,
      `tools: ${tool.type} '${tool.name}' is not installed by Rig; the machine's own is used`,
    );
  if (p.triggers.length > 0 && local)
    log(ctx, 'triggers apply to the controller; rig run ignores them');
}

export function logCheckout(ctx: ExecContext): void {
  const b = ctx.build;
  if (b.context.origin !== 'local' || b.pipeline.options.skipDefaultCheckout) return;
  log(ctx, 'Checkout: the workspace is already the checkout (rig run)');
}
