/**
 * Where a character of a scalar's *value* sits in the *source*. YAML removes
 * quotes, indentation and escapes, so value offsets differ from file offsets;
 * interpolation errors and Groovy spans inside `script: |` need the mapping.
 * Exact for one-line scalars without escapes and for `|` block scalars;
 * `undefined` otherwise (callers then point at the whole scalar).
 */
import { Scalar } from 'yaml';
import type { Ctx } from './context.ts';

export type OffsetMap = (valueOffset: number) => number;

export function valueToSource(ctx: Ctx, node: Scalar): OffsetMap | undefined {
  const [start, end] = node.range ?? [0, 0];
  const raw = ctx.text.slice(start, end);
  const value = typeof node.value === 'string' ? node.value : undefined;
  if (value === undefined) return undefined;
  switch (node.type) {
    case Scalar.PLAIN:
      return raw === value ? (i) => start + i : undefined;
    case Scalar.QUOTE_SINGLE:
    case Scalar.QUOTE_DOUBLE:
      return raw.slice(1, -1) === value ? (i) => start + 1 + i : undefined;
    case Scalar.BLOCK_LITERAL:
      return blockLiteral(raw, start);
    default:
      return undefined;
  }
}

/** `|` scalars: value line n is source line n+1 of the scalar, less the indentation. */
function blockLiteral(raw: string, start: number): OffsetMap | undefined {
  const header = raw.indexOf('\n');
  if (header < 0 || /\d/.test(raw.slice(0, header).split('#')[0]!)) return undefined;
  const lineStarts: number[] = [];
  for (let at = header + 1; at <= raw.length;) {
    lineStarts.push(at);
    const next = raw.indexOf('\n', at);
    if (next < 0) break;
    at = next + 1;
  }
  const firstText = lineStarts.map((s) => raw.slice(s, lineEnd(raw, s))).find((l) => l.trim());
  const indent = firstText ? firstText.length - firstText.trimStart().length : 0;
  return (i) => {
    const before = valueLineOf(i, lineStarts, raw, indent);
    const lineStart = lineStarts[before.line] ?? raw.length;
    const width = lineEnd(raw, lineStart) - lineStart;
    return start + lineStart + Math.min(indent, width) + before.col;
  };
}

function lineEnd(raw: string, from: number): number {
  const nl = raw.indexOf('\n', from);
  return nl < 0 ? raw.length : nl;
}

/** Line and column of value offset `i`, rebuilding value lines from the source lines. */
function valueLineOf(
  i: number,
  lineStarts: number[],
  raw: string,
  indent: number,
): { line: number; col: number } {
  let remaining = i;
  for (let line = 0; line < lineStarts.length; line++) {
    const s = lineStarts[line]!;
    const width = Math.max(0, lineEnd(raw, s) - s - indent);
    if (remaining <= width) return { line, col: remaining };
    remaining -= width + 1;
  }
  return { line: Math.max(0, lineStarts.length - 1), col: 0 };
}
