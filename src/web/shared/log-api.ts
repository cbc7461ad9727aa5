/**
 * The JSON the log viewer island reads from the web routes. Both sides
 * import these types; the server is the only one that builds them.
 */

/** GET …/lines?from=&count= */
export interface LinesPage {
  firstLine: number;
  lines: string[];
  /** Lines in the stream now (it may grow while the build runs). */
  total: number;
  finished: boolean;
}

/** A step's lines, for a section header that collapses them. */
export interface LogSection {
  id: string;
  /** `sh`, `Test/linux › sh`, `post (always)`, `teardown`. */
  title: string;
  /** First line of the section (0-based) and one past its last; `to` null while open. */
  from: number;
  to: number | null;
  result: string | null;
  durationMs: number | null;
}

/** GET …/outline: sections and the times at which line runs arrived. */
export interface LogOutline {
  sections: LogSection[];
  /** `[line, at]` pairs, ascending by line: line `l` arrived at the `at` of the last pair with line ≤ l. */
  times: Array<[number, number]>;
  /**
   * Where parallel branches interleave in this stream: `[line, stage]` pairs,
   * ascending; lines from that one on were printed by `stage` (null: by no
   * branch that interleaves). Absent when nothing interleaves.
   */
  lanes?: Array<[number, string | null]>;
}

/** One NDJSON row of GET …/search?q= */
export type SearchRow =
  | { kind: 'hit'; line: number; start: number; end: number }
  | { kind: 'progress'; scanned: number; total: number }
  | { kind: 'done'; hits: number; truncated: boolean; scanned: number }
  | { kind: 'error'; message: string };

/** SSE from …/follow: `data` of each `lines` event; `id` is the next line number. */
export interface FollowBatch {
  firstLine: number;
  lines: string[];
}
