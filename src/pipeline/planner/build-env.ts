/**
 * The part of Jenkins' usual environment that follows from the build's facts
 * alone (branch, tag, change request, job, number, parameters). The runner
 * adds what only a running build knows (WORKSPACE, NODE_NAME, STAGE_NAME…).
 * The planner uses the same values to decide `when` conditions early, so the
 * plan and the run cannot disagree.
 */
import type { PlanContext } from './types.ts';

export function buildEnvFromContext(ctx: PlanContext): Record<string, string> {
  const env: Record<string, string> = { CI: 'true' };
  const jobName = ctx.jobName ?? 'local';
  const number = String(ctx.buildNumber ?? 1);
  Object.assign(env, {
    JOB_NAME: jobName,
    JOB_BASE_NAME: jobName.split('/').pop() ?? jobName,
    BUILD_NUMBER: number,
    BUILD_ID: number,
    BUILD_DISPLAY_NAME: `#${number}`,
    BUILD_TAG: `jenkins-${jobName.replace(/\//g, '-')}-${number}`,
    EXECUTOR_NUMBER: '0',
  });
  for (const [name, value] of Object.entries(ctx.params ?? {})) env[name] = String(value);
  const branch = ctx.branch ?? ctx.tag;
  if (branch) {
    env.BRANCH_NAME = branch;
    env.GIT_BRANCH = branch;
    env.GIT_LOCAL_BRANCH = branch;
  }
  if (ctx.tag) env.TAG_NAME = ctx.tag;
  if (ctx.commit) env.GIT_COMMIT = ctx.commit;
  Object.assign(env, changeRequestEnv(ctx.changeRequest));
  Object.assign(env, ctx.env ?? {});
  return env;
}

function changeRequestEnv(cr: PlanContext['changeRequest']): Record<string, string> {
  if (!cr) return {};
  const env: Record<string, string> = {
    CHANGE_ID: cr.id,
    CHANGE_TARGET: cr.target,
    CHANGE_BRANCH: cr.branch,
  };
  const optional: Array<[string, string | undefined]> = [
    ['CHANGE_FORK', cr.fork],
    ['CHANGE_TITLE', cr.title],
    ['CHANGE_AUTHOR', cr.author],
    ['CHANGE_AUTHOR_DISPLAY_NAME', cr.authorDisplayName],
    ['CHANGE_AUTHOR_EMAIL', cr.authorEmail],
    ['CHANGE_URL', cr.url],
  ];
  for (const [name, value] of optional) if (value !== undefined) env[name] = value;
  return env;
}
