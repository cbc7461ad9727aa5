/**
 * Groovy inside rig.yaml: `script:` steps and `when: {expression: …}`. The
 * text is parsed by the Jenkinsfile front end's Groovy parser as if it were a
 * file of its own; every span it produces is then moved to where the text
 * sits in the rig.yaml, so errors point into the YAML file.
 */
import type { Node, Scalar } from 'yaml';
import { isScalar } from 'yaml';
import type { Diagnostic, ParseResult } from '../diagnostics/diagnostic.ts';
import { parseScript } from '../jenkinsfile/parser/script.ts';
import { Source } from '../jenkinsfile/source.ts';
import { error } from '../diagnostics/diagnostic.ts';
import type { Stmt } from '../model/groovy.ts';
import type { Span } from '../model/span.ts';
import type { Ctx } from './context.ts';
import { valueToSource } from './positions.ts';
import { wrongType } from './read.ts';

/**
 * Groovy statements, parsed by the Jenkinsfile front end's parser as a script
 * of their own. Function definitions and `@Library` belong at the top of a
 * Jenkinsfile, not inside one step, so they are refused here.
 */
function parseGroovy(text: string, file: string): ParseResult<Stmt[]> {
  const diagnostics: Diagnostic[] = [];
  const src = new Source(text, file);
  try {
    const script = parseScript(src, diagnostics);
    for (const f of script.functions) {
      diagnostics.push(
        error(
          'unsupported',
          `\`def ${f.name}(…)\` cannot be defined inside rig.yaml Groovy`,
          f.span,
        ),
      );
    }
    for (const l of script.libraries) {
      diagnostics.push(
        error('unsupported', 'shared libraries cannot be loaded from rig.yaml', l.span),
      );
    }
    return { value: script.body, diagnostics };
  } catch (e) {
    // A bug in Rig's parser, not in the file: still a diagnostic, never a crash.
    const message = e instanceof Error ? e.message : String(e);
    diagnostics.push(
      error(
        'internal-error',
        `Rig failed to read this Groovy (a bug in Rig): ${message}`,
        src.span(0, 0),
      ),
    );
    return { diagnostics };
  }
}

/** Parses Groovy statements held by a YAML string; diagnostics go to `ctx`. */
export function parseGroovyIn(ctx: Ctx, node: Node, what: string): Stmt[] | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') {
    return wrongType(ctx, node, what, 'a string of Groovy');
  }
  const result = parseGroovy(node.value, ctx.file);
  const move = relocate(ctx, node);
  const lines = new Source(node.value, ctx.file);
  for (const d of result.diagnostics) {
    ctx.diagnostics.push({
      ...d,
      message: movePositions(d.message, lines, move),
      span: move(d.span),
    });
  }
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

/** Positions quoted in messages ("opened at 1:14") are moved like spans. */
function movePositions(message: string, lines: Source, move: (span: Span) => Span): string {
  return message.replace(/\bat (\d+):(\d+)\b/g, (whole, line: string, col: string) => {
    const start = lines.lineStarts[Number(line) - 1];
    if (start === undefined) return whole;
    const at = move(lines.span(start + Number(col) - 1, start + Number(col) - 1));
    return `at ${at.line}:${at.col}`;
  });
}
