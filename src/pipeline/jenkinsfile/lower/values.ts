/**
 * Reading constant values out of Groovy expressions for the typed parts of
 * the model (labels, timeouts, choices). A GString keeps its `${…}` text so
 * the runner can still expand it; anything else dynamic is reported.
 */
import type { Arg, Expr } from '../../model/groovy.ts';
import type { LowerContext } from './context.ts';
import type { Directive } from './directives.ts';

/** The text of a GString between its quotes, `${…}` included. */
export function gstringSource(ctx: LowerContext, e: Expr): string {
  const raw = ctx.text(e.span);
  const open = raw.startsWith('"""') ? 3 : raw.startsWith('$/') ? 2 : 1;
  const close = raw.endsWith('"""') && open === 3 ? 3 : raw.endsWith('/$') && open === 2 ? 2 : 1;
  return raw.slice(open, Math.max(open, raw.length - close));
}

export function stringValue(ctx: LowerContext, e: Expr, what: string): string | undefined {
  switch (e.kind) {
    case 'str':
      return e.value;
    case 'gstring':
      return gstringSource(ctx, e);
    case 'num':
    case 'bool':
      return String(e.value);
    default:
      ctx.error('expected-string', `${what} must be a string`, e.span);
      return undefined;
  }
}

/** A quoted string (a GString keeps its `${…}`); numbers and other values are refused. */
export function quotedString(ctx: LowerContext, e: Expr, what: string): string | undefined {
  if (e.kind === 'str') return e.value;
  if (e.kind === 'gstring') return gstringSource(ctx, e);
  ctx.error('expected-string', `${what} must be a quoted string`, e.span);
  return undefined;
}

/**
 * A string the runner may still expand: literals as they are, GStrings with
 * their `${…}`, any other expression wrapped as `${expr}` (`label params.NODE`).
 */
export function runtimeString(ctx: LowerContext, e: Expr): string {
  switch (e.kind) {
    case 'str':
      return e.value;
    case 'gstring':
      return gstringSource(ctx, e);
    case 'num':
    case 'bool':
      return String(e.value);
    default:
      return `\${${ctx.text(e.span)}}`;
  }
}

/** A string that must be known before the build (no `${…}`). */
export function literalString(ctx: LowerContext, e: Expr, what: string): string | undefined {
  if (e.kind === 'str') return e.value;
  ctx.error(
    'expected-literal',
    `${what} must be a plain string literal, known before the build runs`,
    e.span,
  );
  return undefined;
}

export function boolValue(ctx: LowerContext, e: Expr, what: string): boolean | undefined {
  if (e.kind === 'bool') return e.value;
  if (e.kind === 'str' && (e.value === 'true' || e.value === 'false')) return e.value === 'true';
  ctx.error('expected-boolean', `${what} must be \`true\` or \`false\``, e.span);
  return undefined;
}

export function numberValue(ctx: LowerContext, e: Expr, what: string): number | undefined {
  if (e.kind === 'num') return e.value;
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'num') return -e.operand.value;
  if (e.kind === 'str' && /^\s*-?\d+(\.\d+)?\s*$/.test(e.value)) return Number(e.value);
  ctx.error('expected-number', `${what} must be a number known before the build runs`, e.span);
  return undefined;
}

/** `'a'`, `'a', 'b'` (as several args) or `['a', 'b']`. */
export function stringList(ctx: LowerContext, values: Expr[], what: string): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (v.kind === 'list') out.push(...stringList(ctx, v.items, what));
    else {
      const s = stringValue(ctx, v, what);
      if (s !== undefined) out.push(s);
    }
  }
  return out;
}

/** A named argument, or the positional one at `index` when no name is used. */
export function arg(d: Directive, name: string, index?: number): Arg | undefined {
  const named = d.args.find((a) => a.name === name);
  if (named || index === undefined) return named;
  return d.args.filter((a) => a.name === undefined)[index];
}

/** Reports named arguments outside `allowed` and positional ones beyond `maxPositional`. */
export function checkArgs(
  ctx: LowerContext,
  d: Directive,
  allowed: readonly string[],
  maxPositional: number,
): void {
  let positional = 0;
  for (const a of d.args) {
    if (a.name === undefined) {
      if (++positional > maxPositional) {
        ctx.error('unexpected-argument', `too many arguments for \`${d.name}\``, a.span);
      }
    } else if (!allowed.includes(a.name)) {
      ctx.unknown(
        'unknown-argument',
        `\`${d.name}\` has no parameter \`${a.name}\``,
        a.name,
        allowed,
        a.span,
      );
    }
  }
}
