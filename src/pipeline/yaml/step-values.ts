/**
 * Step parameters that YAML writes more naturally than Groovy does:
 *   withEnv overrides:       {A: x, B: y}            → ['A=x', 'B=y']
 *   withCredentials bindings: [{string: {credentialsId: t, variable: T}}]
 *                                                    → [string(credentialsId: 't', variable: 'T')]
 *   input parameters:         [{choice: {name: X, choices: [a, b]}}] → [choice(name: 'X', …)]
 */
import { isMap, isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Arg, Expr } from '../model/groovy.ts';
import type { Ctx } from './context.ts';
import { ENV_NAME } from './format.ts';
import { asMap, entries, readSeq, wrongType } from './read.ts';
import { interpolate, stringExpr, valueExpr } from './values.ts';

/** A list of `NAME=value` strings, or a mapping of names to values. */
export function overridesExpr(ctx: Ctx, node: Node, what: string): Expr | undefined {
  if (!isMap(node)) {
    const items = readSeq(ctx, node, what);
    const exprs = items?.map((item) => stringExpr(ctx, item, `each item of ${what}`));
    if (!items || !exprs || exprs.some((x) => !x)) return undefined;
    return { kind: 'list', items: exprs as Expr[], span: ctx.span(node) };
  }
  const items: Expr[] = [];
  for (const e of entries(ctx, node)) {
    if (!ENV_NAME.test(e.key)) {
      ctx.error('invalid-value', `\`${e.key}\` is not a valid variable name`, e.keyNode);
      continue;
    }
    const value = isScalar(e.value) ? prefixed(ctx, e.value, `${e.key}=`) : undefined;
    if (value) items.push(value);
    else wrongType(ctx, e.value, `\`${e.key}\``, 'a string');
  }
  return { kind: 'list', items, span: ctx.span(node) };
}

/** `NAME=` + the scalar's value, interpolation kept, spans pointing at the value. */
function prefixed(ctx: Ctx, node: Node, prefix: string): Expr | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
  const text = typeof node.value === 'string' ? node.value : ctx.sourceText(node);
  const expr = interpolate(ctx, node, text);
  if (!expr) return undefined;
  if (expr.kind === 'str') return { ...expr, value: prefix + expr.value };
  const [first, ...rest] = expr.parts;
  const head = first && 'text' in first ? [{ text: prefix + first.text }, ...rest] : undefined;
  return { ...expr, parts: head ?? [{ text: prefix }, ...expr.parts] };
}

/** Step parameters that Groovy writes as a list of calls. */
export const CALL_LISTS: ReadonlySet<string> = new Set([
  'withCredentials.bindings',
  'input.parameters',
]);

/** Each item is `{kind: {parameters}}`, a call such as `usernamePassword(…)`. */
export function callsExpr(ctx: Ctx, node: Node, what: string): Expr | undefined {
  const items = readSeq(ctx, node, what);
  if (!items) return undefined;
  const calls = items.map((item) => call(ctx, item));
  if (calls.some((c) => !c)) return undefined;
  return { kind: 'list', items: calls as Expr[], span: ctx.span(node) };
}

function call(ctx: Ctx, node: Node): Expr | undefined {
  const map = asMap(ctx, node, 'each item');
  const list = map && entries(ctx, map);
  if (!list || list.length !== 1) {
    return ctx.error(
      'invalid-value',
      'each item is one key, its kind, e.g. `string: {credentialsId: x, variable: X}`',
      node,
    );
  }
  const [e] = list as [(typeof list)[number]];
  const params = asMap(ctx, e.value, `\`${e.key}\``);
  if (!params) return undefined;
  const args: Arg[] = [];
  for (const p of entries(ctx, params)) {
    const value = valueExpr(ctx, p.value, `\`${p.key}\``);
    if (value) args.push({ name: p.key, value, span: ctx.span(p.pair) });
  }
  return { kind: 'call', callee: e.key, args, parens: true, span: ctx.span(node) };
}
