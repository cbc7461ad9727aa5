/**
 * Reads a queued build's pipeline at its exact commit and settles what the
 * queue needs: commit, parameters with defaults, placement, quiet period.
 */
import type { Pipeline } from '../../protocol/runner-types.ts';
import type { BuildRecord, ProjectRecord } from '../store/records.ts';
import { isDefaultBranchBuild, registerTriggers } from '../timed/register.ts';
import type { SchedulerContext } from './context.ts';

export async function planBuild(
  ctx: SchedulerContext,
  build: BuildRecord,
  project: ProjectRecord,
): Promise<{ pipeline: Pipeline; build: BuildRecord } | { errors: string[] }> {
  let commit: string;
  let text: string;
  try {
    commit =
      build.commit ?? (await ctx.source.resolve(build.repoUrl, build.ref ?? project.defaultBranch));
    text = await ctx.source.readFile(build.repoUrl, commit, build.pipelineFile);
  } catch (err) {
    return { errors: [err instanceof Error ? err.message : String(err)] };
  }
  const parsed = ctx.parse(text, build.pipelineFile);
  if ('errors' in parsed) return { errors: parsed.errors };
  const pipeline = parsed.pipeline;
  const params = { ...defaultsOf(pipeline), ...build.params };
  const quiet = pipeline.options.quietPeriod?.seconds ?? 0;
  const manual = build.causes.some((c) => c.cause === 'UserIdCause' || c.cause === 'RebuildCause');
  const patch = {
    commit,
    branch: build.branch ?? branchOf(build.ref ?? project.defaultBranch),
    params,
    placement: pipeline.agent.kind === 'none' ? ('controller' as const) : ('agent' as const),
    notBefore: manual ? build.notBefore : Math.max(build.notBefore, build.queuedAt + quiet * 1000),
  };
  await ctx.store.updateBuild(build.id, patch);
  ctx.pipelines.set(build.id, pipeline);
  if (isDefaultBranchBuild(project, patch.branch, build.changeRequest !== null))
    await registerTriggers(ctx.store, project, pipeline, ctx.triggersChanged);
  return { pipeline, build: { ...build, ...patch } };
}

function defaultsOf(p: Pipeline): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const param of p.parameters)
    if (param.defaultValue !== undefined) out[param.name] = param.defaultValue;
  return out;
}

function branchOf(ref: string): string | null {
  if (/^[0-9a-f]{40}$/.test(ref) || ref.startsWith('refs/tags/')) return null;
  return ref.replace(/^refs\/heads\//, '');
}
