/**
 * YAML values as Groovy expressions, the form the model keeps run-time values
 * in. A YAML string is literal text, with one exception: `${{ env.NAME }}` and
 * `${{ params.NAME }}` are replaced by the pipeline (`$${{` writes a literal
 * `${{`). Shell scripts are never interpolated: the shell expands `$NAME`.
 * Where a value need not be text (`equals`, non-string step parameters), a
 * value that is a single placeholder keeps the type of what it refers to.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Scalar } from 'yaml';
import type { Expr, GStringExpr, StrExpr } from '../model/groovy.ts';
import type { Span } from '../model/span.ts';
import { warning } from '../diagnostics/diagnostic.ts';
import type { Ctx } from './context.ts';
import { valueToSource } from './positions.ts';
import { entries, readSeq, readString, wrongType } from './read.ts';

const PLACEHOLDER = /(\$?)\$\{\{(.*?)\}\}/gs;
const REFERENCE = /^\s*(env|params)\.([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/** A string value, with `${{ … }}` placeholders turned into a GString. */
export function interpolate(
  ctx: Ctx,
  node: Scalar,
  value: string,
): StrExpr | GStringExpr | undefined {
  const span = ctx.span(node);
  if (!value.includes('${{')) return { kind: 'str', value, quote: 'yaml', span };
  const parts: GStringExpr['parts'] = [];
  const at = placeholderSpan(ctx, node, span);
  let last = 0;
  let ok = true;
  for (const match of value.matchAll(PLACEHOLDER)) {
    const start = match.index;
    pushText(parts, value.slice(last, start));
    last = start + match[0].length;
    if (match[1]) {
      pushText(parts, match[0].slice(1));
      continue;
    }
    const ref = REFERENCE.exec(match[2]!);
    const where = at(start, last);
    if (!ref) {
      ok = false;
      ctx.error(
        'bad-interpolation',
        `\`${match[0]}\` is not a reference rig.yaml understands`,
        where,
        ['write `${{ env.NAME }}` or `${{ params.NAME }}`; `$${{` writes a literal `${{`'],
      );
      continue;
    }
    const object = { kind: 'var' as const, name: ref[1]!, span: where };
    parts.push({
      expr: { kind: 'prop', object, name: ref[2]!, safe: false, spread: false, span: where },
    });
  }
  const rest = value.slice(last);
  if (rest.includes('${{') && !rest.includes('$${{')) {
    const start = last + rest.indexOf('${{');
    return ctx.error('bad-interpolation', 'unclosed `${{`: expected `}}`', at(start, start + 3));
  }
  pushText(parts, rest);
  if (!ok) return undefined;
  if (parts.every((p) => 'text' in p)) {
    return {
      kind: 'str',
      value: parts.map((p) => ('text' in p ? p.text : '')).join(''),
      quote: 'yaml',
      span,
    };
  }
  return { kind: 'gstring', parts, triple: false, span };
}

function pushText(parts: GStringExpr['parts'], text: string): void {
  if (!text) return;
  const prev = parts[parts.length - 1];
  if (prev && 'text' in prev) prev.text += text;
  else parts.push({ text });
}

/** The span of value offsets `[start, end)`, or the whole scalar when the mapping is unknown. */
export function placeholderSpan(
  ctx: Ctx,
  node: Scalar,
  whole: Span,
): (start: number, end: number) => Span {
  const map = valueToSource(ctx, node);
  return (start, end) => (map ? ctx.range(map(start), map(end)) : whole);
}

/** A parameter of type string: numbers and booleans are kept as written. */
export function stringExpr(ctx: Ctx, node: Node, what: string): Expr | undefined {
  if (!isScalar(node)) return wrongType(ctx, node, what, 'a string');
  if (typeof node.value === 'string') return interpolate(ctx, node, node.value);
  if (node.value === null || node.value === undefined)
    return wrongType(ctx, node, what, 'a string');
  return { kind: 'str', value: ctx.sourceText(node), quote: 'yaml', span: ctx.span(node) };
}

/** A shell script: literal text, passed on untouched; `${{` in it draws a warning. */
export function shellExpr(ctx: Ctx, node: Node, what: string): Expr | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') {
    if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean')) {
      return { kind: 'str', value: ctx.sourceText(node), quote: 'yaml', span: ctx.span(node) };
    }
    return wrongType(ctx, node, what, 'a string');
  }
  const index = node.value.indexOf('${{');
  if (index >= 0) {
    // A warning, not an error: the text is passed on as written (a heredoc may
    // legitimately hold `${{ }}`), but most likely a placeholder was meant.
    const at = placeholderSpan(ctx, node, ctx.span(node))(index, index + 3);
    ctx.diagnostics.push(
      warning('shell-placeholder', 'rig.yaml does not replace `${{ }}` in shell commands', at, [
        'the shell receives this text as written; parameters and environment variables are in its environment: write `$NAME`',
      ]),
    );
  }
  return { kind: 'str', value: node.value, quote: 'yaml', span: ctx.span(node) };
}

/**
 * A value that is nothing but one placeholder keeps the referenced value's
 * type (`actual: "${{ params.RELEASE }}"` is the boolean, not its text).
 */
function wholePlaceholder(expr: Expr | undefined): Expr | undefined {
  if (expr?.kind !== 'gstring' || expr.parts.length !== 1) return expr;
  const [only] = expr.parts;
  return only && 'expr' in only ? only.expr : expr;
}

/** Any YAML value: scalars, lists and mappings become the matching expressions. */
export function valueExpr(ctx: Ctx, node: Node, what: string): Expr | undefined {
  const span = ctx.span(node);
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return wholePlaceholder(interpolate(ctx, node, v));
    if (typeof v === 'number') return { kind: 'num', value: v, span };
    if (typeof v === 'boolean') return { kind: 'bool', value: v, span };
    if (v === null || v === undefined) return { kind: 'null', span };
    return wrongType(ctx, node, what, 'a string, number or boolean');
  }
  if (isSeq(node)) {
    const items = readSeq(ctx, node, what)?.map((item) => valueExpr(ctx, item, what));
    if (!items || items.some((i) => !i)) return undefined;
    return { kind: 'list', items: items as Expr[], span };
  }
  if (isMap(node)) {
    const out: Array<{ key: Expr; value: Expr; span: Span }> = [];
    for (const e of entries(ctx, node)) {
      const value = valueExpr(ctx, e.value, `\`${e.key}\``);
      if (!value) continue;
      const key: Expr = { kind: 'str', value: e.key, quote: 'yaml', span: ctx.span(e.keyNode) };
      out.push({ key, value, span: ctx.span(e.pair) });
    }
    return { kind: 'map', entries: out, span };
  }
  return wrongType(ctx, node, what, 'a value');
}

/**
 * A string field of the model that the runner expands at run time (agent
 * labels and images, input messages). Such fields hold Groovy GString text,
 * as the Jenkinsfile front end keeps it, so `${{ env.OS }}` becomes `${env.OS}`.
 */
export function readTemplate(ctx: Ctx, node: Node, what: string): string | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('${{')) {
    return readString(ctx, node, what);
  }
  const expr = interpolate(ctx, node, node.value);
  if (expr?.kind !== 'gstring') return expr?.value;
  return expr.parts.map((p) => ('text' in p ? p.text : `\${${groovyRef(p.expr)}}`)).join('');
}

function groovyRef(e: Expr): string {
  return e.kind === 'prop' && e.object.kind === 'var' ? `${e.object.name}.${e.name}` : '';
}
