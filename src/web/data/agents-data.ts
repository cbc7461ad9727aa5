/** The agents page: each agent's state in people's words, and what it runs now. */
import { agentsView } from '../../controller/api/read-models.ts';
import type { AgentView } from '../../controller/api/read-models.ts';
import type { WebDeps } from '../deps.ts';
import type { AgentState } from '../shared/status.ts';

export interface AgentRow {
  agent: AgentView;
  state: AgentState;
  /** Why it is in that state, when there is more to say (quarantine reason, reconnect window). */
  reason: string | null;
  jobs: Array<{ buildId: string; title: string; unit: string | null }>;
}

export function agentState(a: AgentView): { state: AgentState; reason: string | null } {
  if (a.status === 'quarantined')
    return { state: 'quarantined', reason: a.statusReason ?? 'no reason given' };
  if (a.status === 'offline') return { state: 'offline', reason: null };
  if (!a.connected)
    return { state: 'offline', reason: 'disconnected; its jobs wait for it to reconnect' };
  if (a.status === 'draining') return { state: 'draining', reason: a.statusReason };
  return { state: a.busy > 0 ? 'busy' : 'idle', reason: null };
}

export async function loadAgents(deps: WebDeps): Promise<AgentRow[]> {
  const projects = new Map((await deps.store.listProjects()).map((p) => [p.id, p.name]));
  const agents = await agentsView(deps.store, deps.fleet);
  const order: Record<AgentState, number> = {
    busy: 0,
    idle: 1,
    draining: 2,
    quarantined: 3,
    offline: 4,
  };
  const rows = await Promise.all(
    agents.map(async (agent) => {
      const jobs = [];
      for (const id of agent.jobs) {
        const job = await deps.store.getJob(id);
        const build = job && (await deps.store.getBuild(job.buildId));
        if (!job || !build) continue;
        jobs.push({
          buildId: build.id,
          title: `${projects.get(build.projectId) ?? build.projectId} #${build.number}`,
          unit: job.unitPath,
        });
      }
      return { agent, ...agentState(agent), jobs };
    }),
  );
  return rows.sort(
    (a, b) => order[a.state] - order[b.state] || a.agent.name.localeCompare(b.agent.name),
  );
}

/** Host facts worth a column, in a fixed order, with memory in GB. */
export function describeFacts(facts: Record<string, string>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const mem = Number(facts.memoryBytes);
  if (facts.cpuModel)
    out.push(['CPU', facts.cores ? `${facts.cores} × ${facts.cpuModel}` : facts.cpuModel]);
  if (Number.isFinite(mem) && mem > 0) out.push(['Memory', `${(mem / 1e9).toFixed(1)} GB`]);
  if (facts.kernel) out.push(['Kernel', facts.kernel]);
  if (facts.arch) out.push(['Arch', facts.arch]);
  if (facts.hostname) out.push(['Host', facts.hostname]);
  if (facts.executorKinds) out.push(['Executors', facts.executorKinds.split(',').join(', ')]);
  if (facts.node) out.push(['Node.js', facts.node]);
  const known = new Set([
    'cpuModel',
    'cores',
    'memoryBytes',
    'kernel',
    'arch',
    'hostname',
    'executorKinds',
    'node',
  ]);
  for (const [k, v] of Object.entries(facts)) if (!known.has(k)) out.push([k, v]);
  return out;
}

/** Agents that could take a job now: connected, not draining or quarantined, with a free executor count. */
export async function onlineAgents(
  deps: WebDeps,
): Promise<Array<{ name: string; labels: string[]; free: number }>> {
  return (await agentsView(deps.store, deps.fleet))
    .filter((a) => a.connected && a.status === 'online')
    .map((a) => ({ name: a.name, labels: a.labels, free: Math.max(0, a.executors - a.busy) }));
}
