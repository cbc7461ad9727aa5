/**
 * The shape of a build's pipeline before it runs, from the planner: every
 * stage with its kind (steps, sequential, parallel, matrix, cell), so the
 * graph shows stages that have not started yet. Read once per build (the
 * pipeline at the build's exact commit), kept for a while.
 */
import type { BuildRecord } from '../../controller/store/records.ts';
import { plan } from '../../pipeline/planner/index.ts';
import type { PlannedStage } from '../../pipeline/planner/index.ts';
import type { WebDeps } from '../deps.ts';
import type { Skeleton } from '../graph/graph.ts';
import { pipelineAt } from './pipeline-info.ts';

const MAX_CACHED = 200;
const cache = new Map<string, Skeleton[] | null>();

export async function skeletonOf(deps: WebDeps, build: BuildRecord): Promise<Skeleton[] | null> {
  const known = cache.get(build.id);
  if (known !== undefined) return known;
  const pipeline =
    deps.scheduler.ctx.pipelines.get(build.id) ??
    (build.commit ? await pipelineAt(deps, build.repoUrl, build.commit, build.pipelineFile) : null);
  let skeleton: Skeleton[] | null;
  try {
    skeleton = pipeline
      ? plan(pipeline, {
          ...(build.branch ? { branch: build.branch } : {}),
          ...(build.tag ? { tag: build.tag } : {}),
          ...(build.commit ? { commit: build.commit } : {}),
          buildNumber: build.number,
          params: build.params,
          causes: build.causes,
        }).stages.map(toSkeleton)
      : null;
  } catch {
    // A pipeline the planner cannot take (another front end's shape) still gets the inferred graph.
    skeleton = null;
  }
  // Only a known commit pins the pipeline; a build still resolving its ref asks again later.
  if (build.commit) {
    cache.set(build.id, skeleton);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  }
  return skeleton;
}

function toSkeleton(s: PlannedStage): Skeleton {
  return { name: s.name, path: s.path, kind: s.kind, children: s.children.map(toSkeleton) };
}
