/**
 * Compiler-style rendering of diagnostics, for terminals and for JSON:
 *
 *   Jenkinsfile:4:5: error: `agent {` opened at 2:11 is never closed [unclosed-bracket]
 *      |
 *    4 |     options {
 *      |     ^~~~~~~
 *      = note: judging by the indentation, a `}` is missing before line 4
 *
 * Pure string work: the caller supplies the source text and decides on colour.
 */
import type { Diagnostic, Severity } from './diagnostic.ts';

export interface FormatOptions {
  /** ANSI colours (for a TTY). */
  color?: boolean;
}

/** Source text by file name; `undefined` when the text is not available (no code frame then). */
export type SourceLookup = (file: string) => string | undefined;

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
  blue: '\x1b[34m',
};

const SEVERITY_COLOR: Record<Severity, string> = {
  error: ANSI.red,
  warning: ANSI.yellow,
  info: ANSI.cyan,
};

function paint(on: boolean, codes: string, text: string): string {
  return on ? `${codes}${text}${ANSI.reset}` : text;
}

export function formatDiagnostic(
  d: Diagnostic,
  source: string | undefined,
  opts: FormatOptions = {},
): string {
  const c = opts.color ?? false;
  const s = d.span;
  const where = paint(c, ANSI.bold, `${s.file}:${s.line}:${s.col}:`);
  const sev = paint(c, ANSI.bold + SEVERITY_COLOR[d.severity], `${d.severity}:`);
  const lines = [`${where} ${sev} ${paint(c, ANSI.bold, d.message)} [${d.code}]`];
  const gutter = String(s.line).length;
  const bar = paint(c, ANSI.blue, `${' '.repeat(gutter + 1)}|`);
  const frame = source === undefined ? undefined : codeFrame(source, d, c, gutter);
  if (frame) lines.push(bar, ...frame);
  for (const note of d.notes ?? []) {
    lines.push(
      `${' '.repeat(gutter + 1)}${paint(c, ANSI.blue, '=')} ${paint(c, ANSI.bold, 'note:')} ${note}`,
    );
  }
  return lines.join('\n');
}

/** The source line of the span's start and a caret line under the span. */
function codeFrame(
  source: string,
  d: Diagnostic,
  color: boolean,
  gutter: number,
): string[] | undefined {
  const s = d.span;
  const text = lineAt(source, s.line);
  if (text === undefined) return undefined;
  const start = Math.min(Math.max(s.col - 1, 0), text.length);
  const end =
    s.endLine === s.line ? Math.min(Math.max(s.endCol - 1, start), text.length) : text.length;
  // Keep tabs in the padding so the caret lines up under tab-indented code.
  const pad = text.slice(0, start).replace(/[^\t]/g, ' ');
  const caret = '^' + '~'.repeat(Math.max(0, end - start - 1));
  const num = paint(color, ANSI.blue, `${String(s.line).padStart(gutter)} |`);
  const bar = paint(color, ANSI.blue, `${' '.repeat(gutter)} |`);
  return [
    `${num} ${text}`,
    `${bar} ${pad}${paint(color, ANSI.bold + SEVERITY_COLOR[d.severity], caret)}`,
  ];
}

function lineAt(source: string, line: number): string | undefined {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = source.indexOf('\n', start);
    if (nl === -1) return undefined;
    start = nl + 1;
  }
  const nl = source.indexOf('\n', start);
  return source.slice(start, nl === -1 ? source.length : nl).replace(/\r$/, '');
}

/** Every diagnostic, a blank line between them, and a summary line ("2 errors, 1 warning"). */
export function formatDiagnostics(
  ds: readonly Diagnostic[],
  sources: SourceLookup,
  opts: FormatOptions = {},
): string {
  if (ds.length === 0) return '';
  const blocks = ds.map((d) => formatDiagnostic(d, sources(d.span.file), opts));
  return `${blocks.join('\n\n')}\n\n${summary(ds)}\n`;
}

export function summary(ds: readonly Diagnostic[]): string {
  const count = (sev: Severity): number => ds.filter((d) => d.severity === sev).length;
  const parts: string[] = [];
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (count('error') > 0) parts.push(plural(count('error'), 'error'));
  if (count('warning') > 0) parts.push(plural(count('warning'), 'warning'));
  if (count('info') > 0) parts.push(plural(count('info'), 'note'));
  return parts.join(', ');
}

/** The JSON form of `rig validate --json`: one object per diagnostic, positions 1-based. */
export interface JsonDiagnostic {
  severity: Severity;
  code: string;
  message: string;
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  notes: string[];
}

export function diagnosticsToJson(ds: readonly Diagnostic[]): JsonDiagnostic[] {
  return ds.map((d) => ({
    severity: d.severity,
    code: d.code,
    message: d.message,
    file: d.span.file,
    line: d.span.line,
    col: d.span.col,
    endLine: d.span.endLine,
    endCol: d.span.endCol,
    notes: d.notes ?? [],
  }));
}
