/** Property and index access (`a.b`, `a?.b`, `a*.b`, `a[i]`, `a[1..-2]`), reading and writing. */
import type { IndexExpr, PropExpr } from '../../pipeline/model/groovy.ts';
import type { Span } from '../../pipeline/model/span.ts';
import { ScriptError } from '../errors.ts';
import type { Evaluator } from './evaluator.ts';
import { ERROR_METHODS, matchAt } from './methods/objects.ts';
import { staticField } from './methods/statics.ts';
import { normIndex } from './methods/support.ts';
import { npe } from './operators.ts';
import type { Scope } from './values.ts';
import { GClassRef, GEntry, GError, GMatcher, HostObject, typeName } from './values.ts';
import type { Value } from './values.ts';

export async function getProperty<C>(
  it: Evaluator<C>,
  expr: PropExpr,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  const obj = await it.evalExpr(expr.object, scope, ctx);
  if (obj === null && expr.safe) return null;
  if (expr.spread) {
    if (obj === null) return null;
    if (!Array.isArray(obj))
      throw new ScriptError(`*. needs a list, not ${typeName(obj)}`, expr.span);
    return obj.map((x) => (x === null ? null : propertyOf(it, x, expr.name, expr.span, ctx)));
  }
  return propertyOf(it, obj, expr.name, expr.span, ctx);
}

export function propertyOf<C>(
  it: Evaluator<C>,
  obj: Value,
  name: string,
  span: Span,
  ctx: C,
): Value {
  if (obj === null) throw npe(`get property '${name}'`, span);
  if (obj instanceof Map) return obj.get(name) ?? null;
  if (obj instanceof HostObject) return it.host.getProperty(obj, name, span, ctx);
  if (obj instanceof GClassRef)
    return staticField(obj, name, { span, call: (c, a) => it.callClosure(c, a, ctx) });
  if (obj instanceof GEntry) {
    if (name === 'key') return obj.key;
    if (name === 'value') return obj.value;
  }
  if (obj instanceof GError) {
    if (name === 'message' || name === 'localizedMessage') return obj.error.message || null;
    if (name === 'class') return new GClassRef(obj.error.javaClass);
    if (name === 'cause') return null;
    if (name === 'stackTrace')
      return ERROR_METHODS.getStackTrace?.(obj, [], {
        span,
        call: () => Promise.resolve(null),
      }) as Value;
  }
  if (obj instanceof GMatcher && name === 'count') return obj.matches.length;
  if (name === 'empty' && (typeof obj === 'string' || Array.isArray(obj))) return obj.length === 0;
  if (name === 'class') return new GClassRef(typeName(obj));
  if (Array.isArray(obj))
    return obj.map((x) => (x === null ? null : propertyOf(it, x, name, span, ctx)));
  throw new ScriptError(
    `No such property: ${name} for class: ${typeName(obj)}`,
    span,
    'groovy.lang.MissingPropertyException',
  );
}

export async function getIndex<C>(
  it: Evaluator<C>,
  expr: IndexExpr,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  const obj = await it.evalExpr(expr.object, scope, ctx);
  if (obj === null) throw npe('get index', expr.span);
  if (expr.index.kind === 'range' && (typeof obj === 'string' || Array.isArray(obj))) {
    const from = await it.evalExpr(expr.index.from, scope, ctx);
    const to = await it.evalExpr(expr.index.to, scope, ctx);
    if (typeof from !== 'number' || typeof to !== 'number')
      throw new ScriptError('a range index needs numbers', expr.index.span);
    return slice(obj, from, to, expr.index.exclusive, expr.span);
  }
  return indexOf(it, obj, await it.evalExpr(expr.index, scope, ctx), expr.span, ctx);
}

export function indexOf<C>(it: Evaluator<C>, obj: Value, index: Value, span: Span, ctx: C): Value {
  if (obj === null) throw npe('get index', span);
  if (obj instanceof Map) return obj.get(index) ?? null;
  if (obj instanceof HostObject) return it.host.getProperty(obj, String(index), span, ctx);
  if (obj instanceof GMatcher && typeof index === 'number') return matchAt(obj, index);
  if (Array.isArray(obj)) {
    if (Array.isArray(index))
      return index.map((i) =>
        typeof i === 'number' ? (obj[normIndex(i, obj.length)] ?? null) : null,
      );
    if (typeof index === 'number') return obj[normIndex(index, obj.length)] ?? null;
  }
  if (typeof obj === 'string' && typeof index === 'number') {
    const i = normIndex(index, obj.length);
    if (i < 0 || i >= obj.length)
      throw new ScriptError(
        `String index out of range: ${index}`,
        span,
        'java.lang.StringIndexOutOfBoundsException',
      );
    return obj.charAt(i);
  }
  throw new ScriptError(
    `cannot index ${typeName(obj)} with ${typeName(index)}`,
    span,
    'groovy.lang.MissingMethodException',
  );
}

/** Groovy's range subscript: negative ends count from the end; a reversed range reverses. */
function slice(
  obj: string | Value[],
  from: number,
  to: number,
  exclusive: boolean,
  span: Span,
): string | Value[] {
  const n = obj.length;
  let a = normIndex(from, n);
  let b = normIndex(to, n);
  if (exclusive) b += a <= b ? -1 : 1;
  const reversed = a > b;
  if (reversed) [a, b] = [b, a];
  if (a < 0 || b >= n) {
    if (exclusive && b < a) return typeof obj === 'string' ? '' : [];
    throw new ScriptError(
      `index ${from}..${to} out of range for size ${n}`,
      span,
      'java.lang.IndexOutOfBoundsException',
    );
  }
  const part = obj.slice(a, b + 1);
  if (!reversed) return part;
  return typeof part === 'string' ? [...part].reverse().join('') : [...part].reverse();
}

export function setProperty<C>(
  it: Evaluator<C>,
  obj: Value,
  name: string,
  value: Value,
  span: Span,
  ctx: C,
): void {
  if (obj === null) throw npe(`set property '${name}'`, span);
  if (obj instanceof Map) obj.set(name, value);
  else if (obj instanceof HostObject) it.host.setProperty(obj, name, value, span, ctx);
  else if (obj instanceof GEntry && name === 'value') obj.value = value;
  else
    throw new ScriptError(
      `cannot set property '${name}' on ${typeName(obj)}`,
      span,
      'groovy.lang.ReadOnlyPropertyException',
    );
}

export function setIndex<C>(
  it: Evaluator<C>,
  obj: Value,
  index: Value,
  value: Value,
  span: Span,
  ctx: C,
): void {
  if (obj === null) throw npe('set index', span);
  if (obj instanceof Map) obj.set(index, value);
  else if (obj instanceof HostObject) it.host.setProperty(obj, String(index), value, span, ctx);
  else if (Array.isArray(obj) && typeof index === 'number') {
    const i = normIndex(index, obj.length);
    if (i < 0)
      throw new ScriptError(`negative index ${index}`, span, 'java.lang.IndexOutOfBoundsException');
    while (obj.length < i) obj.push(null);
    obj[i] = value;
  } else
    throw new ScriptError(
      `cannot set index on ${typeName(obj)}`,
      span,
      'groovy.lang.MissingMethodException',
    );
}
