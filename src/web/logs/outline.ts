/**
 * A stream's outline for the log viewer: the sections that collapse (one
 * per step, from `step.start`/`step.end`, plus post blocks) and when each
 * run of lines arrived (the `log.segment` notes the controller stores at
 * ingest), which the viewer turns into per-line timestamps on demand.
 */
import type { StoredEvent } from '../../controller/store/records.ts';
import type { LogOutline, LogSection } from '../shared/log-api.ts';

type Ev = {
  type: string;
  at: number;
  stepId?: string;
  name?: string;
  label?: string;
  stage?: string | null;
  result?: string;
  durationMs?: number;
  scope?: string;
  condition?: string;
  segment?: { from: number };
};

export function outlineOf(events: StoredEvent[], stream: string): LogOutline {
  const open = new Map<string, LogSection>();
  const sections: LogSection[] = [];
  const times: Array<[number, number]> = [];
  for (const stored of events) {
    if (stored.source !== stream) continue;
    const e = stored.event as Ev;
    if (e.type === 'log.segment' && e.segment) times.push([e.segment.from, e.at]);
    const key = sectionKey(e);
    if (key === null) continue;
    if (e.type === 'step.start' || e.type === 'post.start') {
      const section: LogSection = {
        id: key,
        title: titleOf(e),
        from: stored.line,
        to: null,
        result: null,
        durationMs: null,
      };
      open.set(key, section);
      sections.push(section);
    } else {
      const section = open.get(key);
      if (!section) continue;
      section.to = stored.line;
      section.result = e.result ?? null;
      section.durationMs = e.durationMs ?? null;
      open.delete(key);
    }
  }
  times.sort((a, b) => a[0] - b[0]);
  return { sections: innermost(sections), times };
}

function sectionKey(e: Ev): string | null {
  if (e.type === 'step.start' || e.type === 'step.end') return `step:${e.stepId}`;
  if (e.type === 'post.start' || e.type === 'post.end') return `post:${e.scope}:${e.condition}`;
  return null;
}

function titleOf(e: Ev): string {
  if (e.type === 'post.start')
    return `post ${e.condition}${e.scope && e.scope !== 'pipeline' ? ` · ${e.scope}` : ''}`;
  const what = e.label && e.label !== e.name ? `${e.name}: ${e.label}` : (e.name ?? 'step');
  return e.stage ? `${e.stage} › ${what}` : what;
}

/**
 * Sections that hold no other section: a `dir { sh … }` collapses as its
 * `sh` steps, the ones that print. Empty sections go, and so do sections
 * overlapping one already kept (parallel branches interleaving their lines
 * in one stream cannot collapse as ranges).
 */
function innermost(all: LogSection[]): LogSection[] {
  const end = (s: LogSection): number => s.to ?? Infinity;
  const sorted = all
    .filter((s) => end(s) > s.from)
    .sort((a, b) => a.from - b.from || end(b) - end(a));
  const leaves = sorted.filter((s, i) => {
    const next = sorted[i + 1];
    return !(next && next.from < end(s) && end(next) <= end(s));
  });
  // Leaves that overlap interleave: collapsing either would hide the other's lines.
  return leaves.filter(
    (s, i) =>
      !(i > 0 && s.from < end(leaves[i - 1] as LogSection)) &&
      !(i < leaves.length - 1 && (leaves[i + 1] as LogSection).from < end(s)),
  );
}
