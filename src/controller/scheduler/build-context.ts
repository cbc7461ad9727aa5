/** The runner's `BuildContext` for a build, as the controller knows it. */
import type { BuildContext } from '../../protocol/runner-types.ts';
import type { BuildRecord, ProjectRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';

export async function buildContextFor(
  store: Store,
  build: BuildRecord,
  project: ProjectRecord,
): Promise<BuildContext> {
  const previous = await store.previousFinished(build.projectId, build.branch, build.id);
  const ctx: BuildContext = {
    buildId: build.id,
    buildNumber: build.number,
    jobName: project.name,
    params: build.params,
    env: { RIG_PROJECT: project.name, BUILD_TAG: `rig-${project.name}-${build.number}` },
    causes: build.causes,
    origin: 'controller',
  };
  if (build.branch !== null) ctx.branch = build.branch;
  if (build.tag !== null) ctx.tag = build.tag;
  if (build.commit !== null) ctx.commit = build.commit;
  if (previous?.result) ctx.previousResult = previous.result;
  if (build.changedFiles !== null) ctx.changedFiles = build.changedFiles;
  if (build.changeRequest !== null) ctx.changeRequest = build.changeRequest;
  return ctx;
}
