/**
 * Checks that every span in a parse result points into the text and that its
 * line/column agree with its offset. Used by the corpus and fuzz tests.
 */
import type { Diagnostic } from '../../src/pipeline/diagnostics/diagnostic.ts';
import type { Span } from '../../src/pipeline/model/span.ts';

function isSpan(x: unknown): x is Span {
  return typeof x === 'object' && x !== null && 'offset' in x && 'line' in x && 'endCol' in x;
}

function position(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** Problems with one span, as messages (empty when it is sound). */
export function spanProblems(span: Span, text: string, where: string): string[] {
  const out: string[] = [];
  if (!(span.offset >= 0 && span.offset <= span.end && span.end <= text.length)) {
    out.push(`${where}: offsets ${span.offset}..${span.end} outside 0..${text.length}`);
    return out;
  }
  const a = position(text, span.offset);
  const b = position(text, span.end);
  if (a.line !== span.line || a.col !== span.col)
    out.push(`${where}: start ${span.line}:${span.col} != ${a.line}:${a.col}`);
  if (b.line !== span.endLine || b.col !== span.endCol)
    out.push(`${where}: end ${span.endLine}:${span.endCol} != ${b.line}:${b.col}`);
  return out;
}

/** Every span reachable from `value` (model nodes and Groovy AST nodes alike). */
export function collectSpans(value: unknown, out: Span[] = [], seen = new Set<object>()): Span[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  if (isSpan(value)) {
    out.push(value);
    return out;
  }
  for (const v of Object.values(value)) collectSpans(v, out, seen);
  return out;
}

/** Objects that look like model or AST nodes (they have a `kind`) but carry no span. */
export function nodesWithoutSpan(
  value: unknown,
  path = '$',
  out: string[] = [],
  seen = new Set<object>(),
): string[] {
  if (typeof value !== 'object' || value === null || seen.has(value) || isSpan(value)) return out;
  seen.add(value);
  // `{ kind: 'expr', expr }` environment values span through their expression.
  const envValue = 'expr' in value && (value as { kind?: unknown }).kind === 'expr';
  if (!Array.isArray(value) && 'kind' in value && !('span' in value) && !envValue) out.push(path);
  for (const [k, v] of Object.entries(value)) nodesWithoutSpan(v, `${path}.${k}`, out, seen);
  return out;
}

export function diagnosticSpanProblems(ds: Diagnostic[], text: string): string[] {
  return ds.flatMap((d) => spanProblems(d.span, text, `${d.code} "${d.message}"`));
}
