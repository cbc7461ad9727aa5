/**
 * A region of a source file. Lines and columns are 1-based; `offset`/`end`
 * are 0-based UTF-16 offsets into the text (end exclusive), for code frames.
 * Every node of the pipeline model carries one, so any later error —
 * at plan time or at run time — can point at the text that caused it.
 */
export interface Span {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  offset: number;
  end: number;
}

/** Used for nodes synthesised by Rig itself (defaults, implicit stages). */
export function syntheticSpan(file: string): Span {
  return { file, line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, end: 0 };
}

export function spanCovering(first: Span, last: Span): Span {
  return {
    file: first.file,
    line: first.line,
    col: first.col,
    endLine: last.endLine,
    endCol: last.endCol,
    offset: first.offset,
    end: last.end,
  };
}
