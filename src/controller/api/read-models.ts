/**
 * Views the API and the web UI share: a build with its jobs, stage tree and
 * log streams; the queue with its reasons; the agents. Built from the store
 * on request (the store is the truth; live updates only say "re-read").
 */
import type { AgentRecord, BuildRecord, JobRecord, StoredEvent } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import type { Fleet } from '../scheduler/fleet.ts';
import type { LogStreams } from '../ports.ts';
import { logKey } from '../scheduler/context.ts';

export interface StageView {
  path: string;
  name: string;
  parent: string | null;
  status: 'running' | 'finished' | 'skipped';
  result: string | null;
  startedAt: number | null;
  durationMs: number | null;
  skipped: string | null;
  /** The log stream and line where the stage's output starts. */
  stream: string;
  line: number;
  agent: string | null;
}

export interface BuildView extends Omit<BuildRecord, 'projectId'> {
  project: string;
  jobs: Array<
    Pick<
      JobRecord,
      | 'id'
      | 'unitPath'
      | 'status'
      | 'result'
      | 'attempt'
      | 'note'
      | 'waitReason'
      | 'startedAt'
      | 'finishedAt'
    > & { agent: string | null }
  >;
  stages: StageView[];
  streams: Array<{ stream: string; label: string; lines: number; bytes: number }>;
}

export async function buildView(
  store: Store,
  logs: LogStreams,
  build: BuildRecord,
): Promise<BuildView> {
  const project = await store.getProject(build.projectId);
  const jobs = await store.listJobs(build.id);
  const agents = new Map((await store.listAgents()).map((a) => [a.id, a.name]));
  const agentOfSource = new Map(
    jobs.map((j) => [j.id, j.agentId === null ? null : (agents.get(j.agentId) ?? null)]),
  );
  const events = await store.listEvents(build.id);
  const { projectId: _drop, ...rest } = build;
  const sources = [
    'system',
    ...(build.placement === 'controller' ? ['coordinator'] : []),
    ...jobs.map((j) => j.id),
  ];
  const streams = await Promise.all(
    sources.map(async (s) => ({
      stream: s,
      label: streamLabel(s, jobs),
      lines: await logs.lineCount(logKey(build.id, s)),
      bytes: await logs.byteSize(logKey(build.id, s)),
    })),
  );
  return {
    ...rest,
    project: project?.name ?? build.projectId,
    jobs: jobs.map((j) => ({
      id: j.id,
      unitPath: j.unitPath,
      status: j.status,
      result: j.result,
      attempt: j.attempt,
      note: j.note,
      waitReason: j.waitReason,
      startedAt: j.startedAt,
      finishedAt: j.finishedAt,
      agent: j.agentId === null ? null : (agents.get(j.agentId) ?? null),
    })),
    stages: stageTree(events, agentOfSource),
    streams,
  };
}

function streamLabel(source: string, jobs: JobRecord[]): string {
  if (source === 'system') return 'controller';
  if (source === 'coordinator') return 'pipeline';
  const job = jobs.find((j) => j.id === source);
  const what = job?.unitPath ?? 'build';
  return `${what} (attempt ${job?.attempt ?? 1})`;
}

/** Stage events from every source, latest attempt winning, in order of first start. */
export function stageTree(events: StoredEvent[], agentOf: Map<string, string | null>): StageView[] {
  const stages = new Map<string, StageView>();
  const ordered = [...events].sort((a, b) => eventAt(a) - eventAt(b));
  for (const stored of ordered) {
    const e = stored.event as {
      type: string;
      path?: string;
      name?: string;
      at: number;
      result?: string;
      durationMs?: number;
      skipped?: { reason: string };
    };
    if (e.path === undefined) continue;
    if (e.type === 'stage.start') {
      const slash = e.path.lastIndexOf('/');
      stages.set(e.path, {
        path: e.path,
        name: e.name ?? e.path,
        parent: slash === -1 ? null : e.path.slice(0, slash),
        status: 'running',
        result: null,
        startedAt: e.at,
        durationMs: null,
        skipped: null,
        stream: stored.source,
        line: stored.line,
        agent: agentOf.get(stored.source) ?? null,
      });
    } else if (e.type === 'stage.end') {
      const s = stages.get(e.path);
      if (!s) continue;
      s.status = e.skipped ? 'skipped' : 'finished';
      s.result = e.result ?? null;
      s.durationMs = e.durationMs ?? null;
      s.skipped = e.skipped?.reason ?? null;
    }
  }
  return [...stages.values()];
}

const eventAt = (e: StoredEvent): number => (e.event as { at?: number }).at ?? 0;

export interface QueueEntry {
  build: { id: string; project: string; number: number; status: string };
  job: { id: string; unitPath: string | null; attempt: number } | null;
  since: number;
  reason: string;
}

export async function queueView(store: Store): Promise<QueueEntry[]> {
  const projects = new Map((await store.listProjects()).map((p) => [p.id, p.name]));
  const out: QueueEntry[] = [];
  const brief = (b: BuildRecord): QueueEntry['build'] => ({
    id: b.id,
    project: projects.get(b.projectId) ?? b.projectId,
    number: b.number,
    status: b.status,
  });
  for (const b of (await store.listBuilds({ status: ['queued'], limit: 1000 })).reverse()) {
    out.push({ build: brief(b), job: null, since: b.queuedAt, reason: b.waitReason ?? 'starting' });
  }
  for (const j of await store.jobsWithStatus(['queued'])) {
    const b = await store.getBuild(j.buildId);
    if (!b) continue;
    out.push({
      build: brief(b),
      job: { id: j.id, unitPath: j.unitPath, attempt: j.attempt },
      since: j.queuedAt,
      reason: j.waitReason ?? 'looking for an agent',
    });
  }
  return out;
}

export interface AgentView extends AgentRecord {
  connected: boolean;
  busy: number;
  jobs: string[];
}

export async function agentsView(store: Store, fleet: Fleet): Promise<AgentView[]> {
  return (await store.listAgents()).map((a) => {
    const live = fleet.get(a.id);
    return {
      ...a,
      connected: live?.link != null,
      busy: live?.jobs.size ?? 0,
      jobs: [...(live?.jobs ?? [])],
    };
  });
}
