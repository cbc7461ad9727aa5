/**
 * Groovy inside rig.yaml: `script:` steps and `when: {expression: …}`. The
 * text is parsed by the Jenkinsfile front end's Groovy parser as if it were a
 * file of its own; every span it produces is then moved to where the text
 * sits in the rig.yaml, so errors point into the YAML file.
 */
import type { Node, Scalar } from 'yaml';
import { isScalar } from 'yaml';
import type { ParseResult } from '../diagnostics/diagnostic.ts';
import { error } from '../diagnostics/diagnostic.ts';
import type { Stmt } from '../model/groovy.ts';
import type { Span } from '../model/span.ts';
import { syntheticSpan } from '../model/span.ts';
import type { Ctx } from './context.ts';
import { valueToSource } from './positions.ts';
import { wrongType } from './read.ts';

/**
 * The one switch to the Groovy parser.
 * TODO(lead): stopgap until the Jenkinsfile front end lands on main; then call
 * its Groovy statement parser here. Until then `script` is reported, not run.
 */
function parseGroovy(_text: string, file: string): ParseResult<Stmt[]> {
  return {
    diagnostics: [
      error(
        'unsupported',
        'Groovy in rig.yaml needs the Jenkinsfile parser, which this build does not have yet',
        syntheticSpan(file),
      ),
    ],
  };
}

/** Parses Groovy statements held by a YAML string; diagnostics go to `ctx`. */
export function parseGroovyIn(ctx: Ctx, node: Node, what: string): Stmt[] | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') {
    return wrongType(ctx, node, what, 'a string of Groovy');
  }
  const result = parseGroovy(node.value, ctx.file);
  const move = relocate(ctx, node);
  for (const d of result.diagnostics) ctx.diagnostics.push({ ...d, span: move(d.span) });
  if (!result.value || result.diagnostics.some((d) => d.severity === 'error')) return undefined;
  return moveSpans(result.value, move);
}

/** Maps a span of the Groovy text to the YAML file; the whole scalar when that is not exact. */
function relocate(ctx: Ctx, node: Scalar): (span: Span) => Span {
  const whole = ctx.span(node);
  const map = valueToSource(ctx, node);
  if (!map) return () => whole;
  return (span) => ctx.range(map(span.offset), Math.max(map(span.offset), map(span.end)));
}

/** A copy of `value` with every `span` replaced by `move(span)`. */
export function moveSpans<T>(value: T, move: (span: Span) => Span): T {
  if (Array.isArray(value)) return value.map((v: unknown) => moveSpans(v, move)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === 'span' ? move(v as Span) : moveSpans(v, move);
  }
  return out as T;
}
