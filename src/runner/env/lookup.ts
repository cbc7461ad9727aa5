/**
 * The environment as a step sees it, from outermost to innermost: the
 * machine's own variables, the build's (Jenkins' usual ones, parameters,
 * the caller's), the node's (WORKSPACE, NODE_NAME…), STAGE_NAME, values set
 * by scripts with `env.X = …`, then declarative and `withEnv` layers.
 */
import type { ExecContext } from '../build/types.ts';

function contextual(ctx: ExecContext): Record<string, string> {
  const out: Record<string, string> = {};
  if (ctx.node) {
    out.WORKSPACE = ctx.node.job.workspaceInside;
    out.WORKSPACE_TMP = ctx.node.job.tmpDirInside;
    out.NODE_NAME = ctx.node.nodeName;
    out.NODE_LABELS = ctx.node.labels.join(' ');
  }
  if (ctx.stage) out.STAGE_NAME = ctx.stage.name;
  return out;
}

export function envGet(ctx: ExecContext, name: string): string | undefined {
  const layered = ctx.env.get(name);
  if (layered !== undefined) return layered;
  const scripted = ctx.build.scriptEnv.get(name);
  if (scripted !== undefined) return scripted;
  const local = contextual(ctx)[name];
  if (local !== undefined) return local;
  if (Object.hasOwn(ctx.build.buildEnv, name)) return ctx.build.buildEnv[name];
  if (ctx.node && Object.hasOwn(ctx.node.baseEnv, name)) return ctx.node.baseEnv[name];
  return undefined;
}

/** The complete environment for a process (executors add the markers). */
export function envSnapshot(ctx: ExecContext): Record<string, string> {
  const out: Record<string, string> = {
    ...(ctx.node?.baseEnv ?? {}),
    ...ctx.build.buildEnv,
    ...contextual(ctx),
  };
  for (const [k, v] of ctx.build.scriptEnv) out[k] = v;
  for (const [k, v] of ctx.env.entries()) out[k] = v;
  return out;
}

/** The variables a pipeline defined (declarative layers and script values), for placement units. */
export function declaredEnv(ctx: ExecContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of ctx.build.scriptEnv) out[k] = v;
  for (const [k, v] of ctx.env.entries()) out[k] = v;
  return out;
}
