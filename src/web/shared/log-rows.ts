/**
 * Rows on screen versus lines in the log. Each step section gets a header
 * row before its first line; a collapsed section hides its lines. With
 * sections sorted and disjoint (the server makes them so), a row maps to
 * its line, and a line to its row, by binary search over the sections.
 */
import type { LogSection } from './log-api.ts';

export type RowItem =
  | { kind: 'line'; line: number }
  | { kind: 'section'; section: LogSection; collapsed: boolean; lines: number };

export class RowMap {
  readonly count: number;
  private readonly sections: LogSection[];
  private readonly froms: number[];
  private readonly headerRow: number[] = [];
  /** Lines hidden by collapsed sections before section i. */
  private readonly hiddenBefore: number[] = [];

  constructor(
    private readonly total: number,
    sections: LogSection[],
    private readonly collapsed: ReadonlySet<string>,
  ) {
    this.sections = sections.filter((s) => s.from < total);
    this.froms = this.sections.map((s) => s.from);
    let hidden = 0;
    this.sections.forEach((s, i) => {
      this.hiddenBefore.push(hidden);
      this.headerRow.push(s.from + i - hidden);
      if (collapsed.has(s.id)) hidden += this.length(s);
    });
    this.hiddenBefore.push(hidden);
    this.count = total + this.sections.length - hidden;
  }

  at(row: number): RowItem {
    const i = lastAtOrBefore(this.headerRow, row);
    if (i === -1) return { kind: 'line', line: row };
    const s = this.sections[i] as LogSection;
    const head = this.headerRow[i] as number;
    const closed = this.collapsed.has(s.id);
    if (row === head)
      return { kind: 'section', section: s, collapsed: closed, lines: this.length(s) };
    if (!closed && row <= head + this.length(s))
      return { kind: 'line', line: s.from + (row - head - 1) };
    return { kind: 'line', line: row - (i + 1) + (this.hiddenBefore[i + 1] as number) };
  }

  /** The row showing `line`; the header row when a collapsed section hides it. */
  rowOf(line: number): number {
    const i = lastAtOrBefore(this.froms, line);
    if (i === -1) return line;
    const s = this.sections[i] as LogSection;
    const head = this.headerRow[i] as number;
    if (line < s.from + this.length(s))
      return this.collapsed.has(s.id) ? head : head + 1 + (line - s.from);
    return line + (i + 1) - (this.hiddenBefore[i + 1] as number);
  }

  /** The section holding `line`, if any. */
  sectionOf(line: number): LogSection | undefined {
    const i = lastAtOrBefore(this.froms, line);
    const s = this.sections[i];
    return s && line < s.from + this.length(s) ? s : undefined;
  }

  private length(s: LogSection): number {
    return Math.min(s.to ?? this.total, this.total) - s.from;
  }
}

/** Index of the last element ≤ x in an ascending array, or -1. */
function lastAtOrBefore(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
