/**
 * The dashboard's numbers: every project with the latest build of each of
 * its branches, what runs, what waits (and why), and the recent history,
 * optionally narrowed by a search.
 */
import { queueView } from '../../controller/api/read-models.ts';
import type { QueueEntry } from '../../controller/api/read-models.ts';
import type { BuildRecord, ProjectRecord } from '../../controller/store/records.ts';
import type { BuildRowData } from '../components/build-row.tsx';
import type { WebDeps } from '../deps.ts';

export interface ProjectSummary {
  project: ProjectRecord;
  branches: Array<{ branch: string; latest: BuildRowData }>;
}

export interface DashboardData {
  query: string;
  projects: ProjectSummary[];
  running: BuildRowData[];
  queued: Array<{ build: BuildRowData; reason: string }>;
  recent: BuildRowData[];
  now: number;
}

const BRANCHES_SHOWN = 6;

export async function loadDashboard(deps: WebDeps, query: string): Promise<DashboardData> {
  const projects = await deps.store.listProjects();
  const names = new Map(projects.map((p) => [p.id, p.name]));
  const row = (b: BuildRecord): BuildRowData => {
    const { projectId, ...rest } = b;
    return { ...rest, project: names.get(projectId) ?? projectId };
  };
  const match = matcher(query);
  const summaries = await Promise.all(
    projects.map(async (project) => ({
      project,
      branches: latestPerBranch(
        (await deps.store.listBuilds({ projectId: project.id, limit: 50 })).map(row),
      ),
    })),
  );
  const running = (await runningBuilds(deps)).map(row);
  const queued = await queuedBuilds(deps, await queueView(deps.store), row);
  const recent = (await deps.store.listBuilds({ limit: 30 })).map(row);
  return {
    query,
    projects: summaries.filter(
      (s) =>
        match(`${s.project.name} ${s.project.repoUrl}`) || s.branches.some((b) => match(b.branch)),
    ),
    running: running.filter((b) => match(searchText(b))),
    queued: queued.filter((q) => match(searchText(q.build))),
    recent: recent.filter((b) => match(searchText(b))),
    now: deps.now(),
  };
}

function latestPerBranch(builds: BuildRowData[]): ProjectSummary['branches'] {
  const seen = new Map<string, BuildRowData>();
  for (const b of builds) {
    const branch = b.branch ?? b.ref ?? 'default';
    if (!seen.has(branch)) seen.set(branch, b);
  }
  return [...seen].slice(0, BRANCHES_SHOWN).map(([branch, latest]) => ({ branch, latest }));
}

/** One row per waiting build: its own reason, or the reason of its first waiting job. */
async function queuedBuilds(
  deps: WebDeps,
  entries: QueueEntry[],
  row: (b: BuildRecord) => BuildRowData,
): Promise<Array<{ build: BuildRowData; reason: string }>> {
  const out = new Map<string, { build: BuildRowData; reason: string }>();
  for (const e of entries) {
    if (out.has(e.build.id)) continue;
    const build = await deps.store.getBuild(e.build.id);
    if (build)
      out.set(e.build.id, {
        build: row(build),
        reason: e.job?.unitPath ? `${e.job.unitPath}: ${e.reason}` : e.reason,
      });
  }
  return [...out.values()];
}

/** Running builds with some part actually running: one whose every job waits is only queued. */
async function runningBuilds(deps: WebDeps): Promise<BuildRecord[]> {
  const builds = await deps.store.listBuilds({ status: ['running'], limit: 100 });
  const busy = await Promise.all(
    builds.map(async (b) => (await deps.store.listJobs(b.id)).some((j) => j.status !== 'queued')),
  );
  return builds.filter((_, i) => busy[i]);
}

const searchText = (b: BuildRowData): string =>
  `${b.project} #${b.number} ${b.branch ?? ''} ${b.ref ?? ''} ${b.commit ?? ''}`;

/** Every word of the query must appear (case-insensitive); an empty query matches all. */
export function matcher(query: string): (text: string) => boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return (text) => {
    const t = text.toLowerCase();
    return words.every((w) => t.includes(w));
  };
}
