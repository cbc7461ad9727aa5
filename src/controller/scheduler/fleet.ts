/**
 * The agents the controller knows right now: connected or inside their
 * reconnect window. The store has the durable record; this has the link
 * and which jobs each agent holds.
 */
import type { AgentLink, Hello } from '../hub/connection.ts';
import type { Candidate } from './matcher.ts';

export interface LiveAgent {
  id: string;
  name: string;
  labels: string[];
  executorKinds: string[];
  executors: number;
  facts: Record<string, string>;
  draining: boolean;
  quarantine: string | null;
  /** null while disconnected (inside the reconnect window). */
  link: AgentLink | null;
  jobs: Set<string>;
  lossTimer?: NodeJS.Timeout;
}

export class Fleet {
  private readonly agents = new Map<string, LiveAgent>();

  connect(id: string, hello: Hello, link: AgentLink): LiveAgent {
    const previous = this.agents.get(id);
    if (previous?.lossTimer) clearTimeout(previous.lossTimer);
    const agent: LiveAgent = {
      id,
      name: hello.name,
      labels: hello.labels,
      executorKinds: hello.executorKinds,
      executors: hello.executors,
      facts: hello.facts,
      draining: hello.draining,
      quarantine: hello.quarantine?.reason ?? null,
      link,
      jobs: previous?.jobs ?? new Set(),
    };
    this.agents.set(id, agent);
    return agent;
  }

  get(id: string): LiveAgent | undefined {
    return this.agents.get(id);
  }

  /** Keeps a placeholder for an agent that holds jobs but has not reconnected (controller restart). */
  expect(id: string, name: string): LiveAgent {
    const existing = this.agents.get(id);
    if (existing) return existing;
    const agent: LiveAgent = {
      id,
      name,
      labels: [],
      executorKinds: [],
      executors: 0,
      facts: {},
      draining: false,
      quarantine: null,
      link: null,
      jobs: new Set(),
    };
    this.agents.set(id, agent);
    return agent;
  }

  remove(id: string): void {
    const a = this.agents.get(id);
    if (a?.lossTimer) clearTimeout(a.lossTimer);
    this.agents.delete(id);
  }

  all(): LiveAgent[] {
    return [...this.agents.values()];
  }

  candidates(): Candidate[] {
    return this.all()
      .filter((a) => a.link !== null)
      .map((a) => ({
        id: a.id,
        name: a.name,
        labels: a.labels,
        executorKinds: a.executorKinds,
        executors: a.executors,
        busy: a.jobs.size,
        usable: !a.draining && a.quarantine === null,
      }));
  }

  release(agentId: string | null, jobId: string): void {
    if (agentId !== null) this.agents.get(agentId)?.jobs.delete(jobId);
  }

  clearTimers(): void {
    for (const a of this.agents.values()) if (a.lossTimer) clearTimeout(a.lossTimer);
  }
}
