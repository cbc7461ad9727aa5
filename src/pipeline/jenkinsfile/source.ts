/**
 * A source text with its line starts computed once, so turning offsets into
 * 1-based line/column spans is a binary search, never a rescan. Columns count
 * UTF-16 units, like the offsets.
 */
import type { Span } from '../model/span.ts';

export class Source {
  readonly lineStarts: number[];
  private lastLine = 0;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.lineStarts = computeLineStarts(text);
  }

  /** 0-based line index of an offset. */
  lineIndex(offset: number): number {
    const starts = this.lineStarts;
    const hint = this.lastLine;
    // Spans are mostly built in source order: try the last answer first.
    if (starts[hint]! <= offset && (hint + 1 >= starts.length || starts[hint + 1]! > offset)) {
      return hint;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return lo;
  }

  /** The line of `offset`, known to be at or after line `from`: most spans end on or near their first line. */
  private lineAfter(from: number, offset: number): number {
    const starts = this.lineStarts;
    for (let l = from; l < from + 4; l++) {
      if (l + 1 >= starts.length || starts[l + 1]! > offset) return l;
    }
    return this.lineIndex(offset);
  }

  span(start: number, end: number): Span {
    const s = clamp(start, this.text.length);
    const e = Math.max(s, clamp(end, this.text.length));
    const l1 = this.lineIndex(s);
    const c1 = s - this.lineStarts[l1]! + 1;
    const l2 = this.lineAfter(l1, e);
    const c2 = e - this.lineStarts[l2]! + 1;
    return {
      file: this.file,
      line: l1 + 1,
      col: c1,
      endLine: l2 + 1,
      endCol: c2,
      offset: s,
      end: e,
    };
  }

  /** `line:col` of an offset, for messages ("opened at 7:5"). */
  where(offset: number): string {
    const l = this.lineIndex(clamp(offset, this.text.length));
    return `${l + 1}:${offset - this.lineStarts[l]! + 1}`;
  }

  /** Column (1-based) of the first non-blank character on the line holding `offset`. */
  indentOf(offset: number): number {
    const l = this.lineIndex(offset);
    let i = this.lineStarts[l]!;
    while (i < this.text.length && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
    return i - this.lineStarts[l]! + 1;
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    const raw = this.text.slice(start, next ?? this.text.length);
    return raw.replace(/\r?\n$/, '');
  }
}

function clamp(n: number, max: number): number {
  return n < 0 ? 0 : n > max ? max : n;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}
