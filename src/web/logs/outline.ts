/**
 * A stream's outline for the log viewer: the sections that collapse (one
 * per step, plus post blocks), when each run of lines arrived, and which
 * parallel branch printed lines that interleave with another's. It reads
 * the `log.segment` notes the controller stores at ingest (a run of lines
 * from one step: its stage, step and first line) and the runner's
 * `step.*`/`post.*` events.
 */
import type { StoredEvent } from '../../controller/store/records.ts';
import type { LogOutline, LogSection } from '../shared/log-api.ts';
import { branchLanes } from './lanes.ts';
import type { Segment } from './lanes.ts';

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
  segment?: { from: number; count?: number; stage?: string | null; stepId?: string | null };
};

type Open = LogSection & { stage: string | null; stepId: string | null };

export function outlineOf(events: StoredEvent[], stream: string): LogOutline {
  const open = new Map<string, Open>();
  const sections: Open[] = [];
  const segments: Segment[] = [];
  for (const stored of events) {
    if (stored.source !== stream) continue;
    const e = stored.event as Ev;
    if (e.type === 'log.segment' && e.segment) segments.push(segmentOf(e, e.segment));
    const key = sectionKey(e);
    if (key === null) continue;
    if (e.type === 'step.start' || e.type === 'post.start') {
      const section: Open = {
        id: key,
        title: titleOf(e),
        from: stored.line,
        to: null,
        result: null,
        durationMs: null,
        stage: e.type === 'step.start' ? (e.stage ?? null) : null,
        stepId: e.type === 'step.start' ? (e.stepId ?? null) : null,
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
  segments.sort((a, b) => a.from - b.from);
  sections.forEach((s) => fitToLines(s, segments));
  const kept = innermost(sections.filter((s) => !interleaved(s, segments)));
  const times = segments.map((s): [number, number] => [s.from, s.at]);
  const lanes = branchLanes(segments);
  return {
    sections: kept.map(({ stage: _s, stepId: _i, ...section }) => section),
    times,
    ...(lanes.length > 0 ? { lanes } : {}),
  };
}

function segmentOf(e: Ev, s: NonNullable<Ev['segment']>): Segment {
  return {
    from: s.from,
    count: s.count ?? 0,
    at: e.at,
    stage: s.stage ?? null,
    stepId: s.stepId ?? null,
  };
}

/**
 * A step's section spans the lines its step printed, not the lines that
 * happened to arrive between its start and end events: a parallel branch's
 * lines can land in between.
 */
function fitToLines(s: Open, segments: Segment[]): void {
  if (s.stepId === null) return;
  const own = segments.filter((g) => g.stepId === s.stepId);
  const first = own[0];
  const last = own.at(-1);
  if (!first || !last) return;
  s.from = first.from;
  if (s.to !== null) s.to = last.from + last.count;
}

const related = (a: string, b: string): boolean =>
  a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

/** Lines of another parallel branch inside the section: collapsing it would hide them. */
function interleaved(s: Open, segments: Segment[]): boolean {
  const end = s.to ?? Infinity;
  return segments.some(
    (g) =>
      g.from >= s.from &&
      g.from < end &&
      s.stage !== null &&
      g.stage !== null &&
      !related(s.stage, g.stage),
  );
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
 * overlapping one already kept (lines that interleave cannot collapse as
 * ranges).
 */
function innermost<T extends LogSection>(all: T[]): T[] {
  const end = (s: LogSection): number => s.to ?? Infinity;
  const sorted = all
    .filter((s) => end(s) > s.from)
    .sort((a, b) => a.from - b.from || end(b) - end(a));
  const leaves = sorted.filter((s, i) => {
    const next = sorted[i + 1];
    return !(next && next.from < end(s) && end(next) <= end(s));
  });
  return leaves.filter(
    (s, i) =>
      !(i > 0 && s.from < end(leaves[i - 1] as LogSection)) &&
      !(i < leaves.length - 1 && (leaves[i + 1] as LogSection).from < end(s)),
  );
}
