/**
 * Which parallel branch printed a line, where branches interleave in one
 * stream (Jenkins prefixes such lines with `[branch]`). Only stages whose
 * lines overlap another unrelated stage's get a label; a stream that ran
 * its stages one after another gets none.
 */
export interface Segment {
  from: number;
  count: number;
  at: number;
  stage: string | null;
  stepId: string | null;
}

type Window = { stage: string; from: number; to: number };

const related = (a: string, b: string): boolean =>
  a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

/** `[line, stage | null]` pairs ascending by line: the label from that line on. */
export function branchLanes(segments: Segment[]): Array<[number, string | null]> {
  const windows = windowsOf(segments);
  const labelled = new Set(
    windows
      .filter((w) =>
        windows.some((o) => !related(o.stage, w.stage) && o.from < w.to && w.from < o.to),
      )
      .map((w) => w.stage),
  );
  if (labelled.size === 0) return [];
  const lanes: Array<[number, string | null]> = [];
  for (const s of segments) {
    const label = s.stage !== null && labelled.has(s.stage) ? s.stage : null;
    if (lanes.at(-1)?.[1] !== label) lanes.push([s.from, label]);
  }
  return lanes;
}

function windowsOf(segments: Segment[]): Window[] {
  const byStage = new Map<string, Window>();
  for (const s of segments) {
    if (s.stage === null) continue;
    const w = byStage.get(s.stage);
    if (w) w.to = Math.max(w.to, s.from + s.count);
    else byStage.set(s.stage, { stage: s.stage, from: s.from, to: s.from + s.count });
  }
  return [...byStage.values()];
}
