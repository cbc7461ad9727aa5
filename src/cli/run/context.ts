/** The build context of a local run: what Jenkins would know about this build, from git and flags. */
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { PlanContext } from '../../pipeline/planner/index.ts';
import type { BuildContext } from '../../runner/index.ts';
import type { GitInfo } from './git-info.ts';

export interface LocalRunFacts {
  dir: string;
  git: GitInfo;
  branch?: string;
  params: Record<string, string | boolean>;
}

export function jobNameOf(dir: string): string {
  return basename(dir) || 'workspace';
}

export function planContext(facts: LocalRunFacts): PlanContext {
  return {
    jobName: jobNameOf(facts.dir),
    params: facts.params,
    changedFiles: facts.git.changedFiles,
    causes: [{ cause: 'UserIdCause', detail: process.env.USER ?? 'local' }],
    ...(facts.branch ? { branch: facts.branch } : {}),
    ...(facts.git.tag ? { tag: facts.git.tag } : {}),
    ...(facts.git.commit ? { commit: facts.git.commit } : {}),
  };
}

export function buildContext(
  facts: LocalRunFacts,
  number: number,
  previous: BuildContext['previousResult'],
): BuildContext {
  const plan = planContext(facts);
  return {
    buildId: `local-${number}-${randomBytes(3).toString('hex')}`,
    buildNumber: number,
    jobName: plan.jobName ?? 'workspace',
    params: facts.params,
    env: {},
    causes: plan.causes ?? [],
    origin: 'local',
    changedFiles: facts.git.changedFiles,
    ...(plan.branch ? { branch: plan.branch } : {}),
    ...(plan.tag ? { tag: plan.tag } : {}),
    ...(plan.commit ? { commit: plan.commit } : {}),
    ...(previous ? { previousResult: previous } : {}),
  };
}
