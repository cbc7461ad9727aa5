/**
 * The parts of a build after its stages, shown as their own phase: `post`
 * blocks (per scope and condition) and each job's teardown, with what it
 * removed ("removed 2 containers, 1 network namespace"), what it failed to
 * remove, and what it left on the host.
 */
import type { StoredEvent } from '../../controller/store/records.ts';
import { plural } from '../shared/format.ts';

export interface PostPhase {
  scope: string;
  condition: string;
  result: string | null;
  startedAt: number;
  durationMs: number | null;
  stream: string;
  line: number;
}

export interface TeardownPhase {
  stream: string;
  line: number;
  at: number;
  summary: string;
  failed: Array<{ what: string; error: string }>;
  leftovers: string[];
}

interface PostEvent {
  type: 'post.start' | 'post.end';
  at: number;
  scope: string;
  condition: string;
  result?: string;
}

interface TeardownEvent {
  type: 'teardown';
  at: number;
  removed: Array<{ kind: string; id: string }>;
  failed: Array<{ kind: string; id: string; error: string }>;
  leftovers: string[];
}

export function postPhases(events: StoredEvent[]): PostPhase[] {
  const open = new Map<string, PostPhase>();
  const out: PostPhase[] = [];
  for (const stored of events) {
    const e = stored.event as PostEvent;
    const key = `${stored.source}\0${e.scope}\0${e.condition}`;
    if (e.type === 'post.start') {
      const phase: PostPhase = {
        scope: e.scope,
        condition: e.condition,
        result: null,
        startedAt: e.at,
        durationMs: null,
        stream: stored.source,
        line: stored.line,
      };
      open.set(key, phase);
      out.push(phase);
    } else if (e.type === 'post.end') {
      const phase = open.get(key);
      if (!phase) continue;
      phase.result = e.result ?? null;
      phase.durationMs = e.at - phase.startedAt;
      open.delete(key);
    }
  }
  return out;
}

export function teardownPhases(events: StoredEvent[]): TeardownPhase[] {
  return events
    .filter((s) => (s.event as { type?: string }).type === 'teardown')
    .map((stored) => {
      const e = stored.event as TeardownEvent;
      return {
        stream: stored.source,
        line: stored.line,
        at: e.at,
        summary: describeRemoved(e.removed),
        failed: e.failed.map((f) => ({ what: `${kindName(f.kind, 1)} ${f.id}`, error: f.error })),
        leftovers: e.leftovers,
      };
    });
}

const KIND_NAMES: Record<string, [string, string]> = {
  process: ['process', 'processes'],
  netns: ['network namespace', 'network namespaces'],
  link: ['network link', 'network links'],
  mount: ['mount', 'mounts'],
  container: ['container', 'containers'],
  cgroup: ['cgroup', 'cgroups'],
  tmpdir: ['temporary directory', 'temporary directories'],
  loop: ['loop device', 'loop devices'],
  vm: ['virtual machine', 'virtual machines'],
  machine: ['machine', 'machines'],
};

function kindName(kind: string, n: number): string {
  const names = KIND_NAMES[kind] ?? [kind, `${kind}s`];
  return n === 1 ? names[0] : names[1];
}

/** "removed 2 containers, 1 network namespace", in the order kinds first appear. */
export function describeRemoved(removed: Array<{ kind: string }>): string {
  if (removed.length === 0) return 'nothing to remove';
  const counts = new Map<string, number>();
  for (const r of removed) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => {
    const [one, many] = KIND_NAMES[kind] ?? [kind, `${kind}s`];
    return plural(n, one, many);
  });
  return `removed ${parts.join(', ')}`;
}
