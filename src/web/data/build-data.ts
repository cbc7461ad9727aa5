/** What the build page shows, read from the store in one place. */
import { buildView } from '../../controller/api/read-models.ts';
import type { BuildRecord } from '../../controller/store/records.ts';
import type { WebDeps } from '../deps.ts';
import { buildGraph } from '../graph/graph.ts';
import type { GraphNode } from '../graph/graph.ts';
import { postPhases, teardownPhases } from '../graph/phases.ts';
import type { BuildPageData } from '../pages/build.tsx';
import { skeletonOf } from './skeleton.ts';

export async function loadBuildPage(deps: WebDeps, build: BuildRecord): Promise<BuildPageData> {
  const [view, events, tests, artifacts, skeleton] = await Promise.all([
    buildView(deps.store, deps.logs, build),
    deps.store.listEvents(build.id),
    deps.store.listTestResults(build.id),
    deps.store.listArtifacts(build.id),
    skeletonOf(deps, build),
  ]);
  return {
    build: {
      ...view,
      streams: view.streams.map((s) => ({ ...s, label: s.label.replace(/ \(attempt 1\)$/, '') })),
    },
    graph: buildGraph(view.stages, skeleton),
    posts: postPhases(events),
    teardowns: teardownPhases(events),
    tests: {
      total: tests.length,
      failed: tests.filter((t) => t.status === 'failed' || t.status === 'error').length,
    },
    artifacts: artifacts.length,
    now: deps.now(),
  };
}

/**
 * The stream a build page opens on: where the news is. The first failed
 * stage's, else a running stage's, else the job that ran the most recent
 * stage; the controller's own notes when nothing ran (queued, or refused).
 */
export function defaultStream(data: BuildPageData): string {
  const leaves = data.graph.flatMap(leavesOf).filter((n) => n.stream !== null);
  const failed = leaves.find((n) => n.result === 'FAILURE' || n.result === 'UNSTABLE');
  const running = leaves.find((n) => n.status === 'running');
  const pick = failed ?? running ?? leaves.at(-1);
  if (pick?.stream) return pick.stream;
  const jobs = data.build.streams.filter((s) => s.stream !== 'system' && s.lines > 0);
  return jobs.at(-1)?.stream ?? 'system';
}

function leavesOf(n: GraphNode): GraphNode[] {
  return n.children.length === 0 ? [n] : n.children.flatMap(leavesOf);
}
