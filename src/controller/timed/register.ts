/**
 * Where a project's timer triggers come from: as in Jenkins, the pipeline
 * itself (`triggers { cron(…); pollSCM(…) }`) as last read on the project's
 * default branch — when a build of that branch is planned, and when the
 * project is added or changed.
 */
import type { Pipeline } from '../../protocol/runner-types.ts';
import type { ProjectRecord, ProjectTrigger } from '../store/records.ts';
import type { Store } from '../store/store.ts';

export function triggersOf(pipeline: Pipeline): ProjectTrigger[] {
  const out: ProjectTrigger[] = [];
  for (const t of pipeline.triggers) {
    if (t.kind === 'cron' || t.kind === 'pollSCM') out.push({ kind: t.kind, spec: t.spec });
  }
  return out;
}

/** Stores the pipeline's triggers on the project when they changed; returns the project as stored. */
export async function registerTriggers(
  store: Store,
  project: ProjectRecord,
  pipeline: Pipeline,
  onChange: (p: ProjectRecord) => Promise<void>,
): Promise<ProjectRecord> {
  const triggers = triggersOf(pipeline);
  if (JSON.stringify(triggers) === JSON.stringify(project.triggers)) return project;
  await store.updateProject(project.id, { triggers });
  const updated = { ...project, triggers };
  await onChange(updated);
  return updated;
}

/** True when a build of `branch` speaks for the project's triggers (not a PR, not another branch). */
export function isDefaultBranchBuild(
  project: ProjectRecord,
  branch: string | null,
  pullRequest: boolean,
): boolean {
  return !pullRequest && branch === project.defaultBranch;
}
