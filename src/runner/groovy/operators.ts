/**
 * Groovy's binary and unary operators on evaluated values. Short-circuit
 * operators (`&&`, `||`, `?:`) are handled by the expression evaluator.
 */
import type { BinaryOp } from '../../pipeline/model/groovy.ts';
import type { Span } from '../../pipeline/model/span.ts';
import { ScriptError } from '../errors.ts';
import { groovyCompare, groovyEquals } from './compare.ts';
import { toStr } from './format.ts';
import { fullMatch, matcher } from './regex.ts';
import { GClassRef, GPattern, typeName } from './values.ts';
import type { Value } from './values.ts';
import { isInstance } from './types.ts';

export function binary(op: BinaryOp, a: Value, b: Value, span: Span): Value {
  switch (op) {
    case '+':
      return plus(a, b, span);
    case '-':
      return minus(a, b, span);
    case '*':
      return times(a, b, span);
    case '/':
      return arith(a, b, span, op, (x, y) => {
        if (y === 0)
          throw new ScriptError('Division by zero', span, 'java.lang.ArithmeticException');
        return x / y;
      });
    case '%':
      return arith(a, b, span, op, (x, y) => x % y);
    case '**':
      return arith(a, b, span, op, (x, y) => x ** y);
    case '==':
      return groovyEquals(a, b);
    case '!=':
      return !groovyEquals(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return relational(op, compareOrFail(a, b, span));
    case '<=>':
      return compareOrFail(a, b, span);
    case '=~':
      return matcher(toStr(a), patternSource(b), span);
    case '==~':
      return fullMatch(toStr(a), patternSource(b), span);
    case 'in':
      return isCase(b, a, span);
    case '!in':
      return !isCase(b, a, span);
    case 'instanceof':
      if (!(b instanceof GClassRef)) throw new ScriptError('instanceof needs a class name', span);
      return isInstance(a, b.name, span);
    case '&':
    case '|':
    case '^':
      return bitwise(op, a, b, span);
    case '<<':
      if (Array.isArray(a)) {
        a.push(b);
        return a;
      }
      if (typeof a === 'string') return a + toStr(b);
      return arith(a, b, span, op, (x, y) => x << y);
    case '>>':
      return arith(a, b, span, op, (x, y) => x >> y);
    case '&&':
    case '||':
    case '?:':
      throw new ScriptError(`operator ${op} is evaluated lazily`, span);
  }
}

function plus(a: Value, b: Value, span: Span): Value {
  if (typeof a === 'string' || typeof b === 'string') {
    if (a === null) throw npe('plus', span);
    return toStr(a) + toStr(b);
  }
  if (Array.isArray(a)) return Array.isArray(b) ? [...a, ...b] : [...a, b];
  if (a instanceof Map && b instanceof Map) return new Map([...a, ...b]);
  return arith(a, b, span, '+', (x, y) => x + y);
}

function minus(a: Value, b: Value, span: Span): Value {
  if (Array.isArray(a)) {
    const drop = Array.isArray(b) ? b : [b];
    return a.filter((x) => !drop.some((d) => groovyEquals(x, d)));
  }
  if (typeof a === 'string') {
    const s = b instanceof GPattern ? b.source : toStr(b);
    const i = a.indexOf(s);
    return i < 0 ? a : a.slice(0, i) + a.slice(i + s.length);
  }
  if (a instanceof Map && b instanceof Map) {
    return new Map([...a].filter(([k, v]) => !(b.has(k) && groovyEquals(b.get(k) ?? null, v))));
  }
  return arith(a, b, span, '-', (x, y) => x - y);
}

function times(a: Value, b: Value, span: Span): Value {
  if (typeof a === 'string' && typeof b === 'number') return a.repeat(Math.max(0, b));
  if (Array.isArray(a) && typeof b === 'number') {
    return Array.from({ length: Math.max(0, b) }, () => a).flat();
  }
  return arith(a, b, span, '*', (x, y) => x * y);
}

function arith(
  a: Value,
  b: Value,
  span: Span,
  op: string,
  f: (x: number, y: number) => number,
): number {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  if (a === null || b === null) throw npe(op, span);
  throw new ScriptError(
    `Cannot apply ${op} to ${typeName(a)} and ${typeName(b)}`,
    span,
    'groovy.lang.MissingMethodException',
  );
}

function bitwise(op: '&' | '|' | '^', a: Value, b: Value, span: Span): Value {
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    return op === '&' ? a && b : op === '|' ? a || b : a !== b;
  }
  return arith(a, b, span, op, (x, y) => (op === '&' ? x & y : op === '|' ? x | y : x ^ y));
}

function relational(op: '<' | '<=' | '>' | '>=', c: number): boolean {
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

export function compareOrFail(a: Value, b: Value, span: Span): number {
  const c = groovyCompare(a, b);
  if (c === undefined) {
    throw new ScriptError(
      `Cannot compare ${typeName(a)} with ${typeName(b)}`,
      span,
      'java.lang.IllegalArgumentException',
    );
  }
  return c;
}

function patternSource(v: Value): string {
  return v instanceof GPattern ? v.source : toStr(v);
}

/** Groovy's `isCase`: what `in` and `switch` cases mean for each kind of value. */
export function isCase(container: Value, item: Value, span: Span): boolean {
  if (Array.isArray(container)) return container.some((x) => groovyEquals(x, item));
  if (container instanceof Map) return container.has(item);
  if (container instanceof GPattern)
    return item !== null && fullMatch(toStr(item), container.source, span);
  if (container instanceof GClassRef) return isInstance(item, container.name, span);
  if (typeof container === 'string') return item !== null && toStr(item) === container;
  return groovyEquals(container, item);
}

export function npe(what: string, span: Span): ScriptError {
  return new ScriptError(`Cannot ${what} on null object`, span, 'java.lang.NullPointerException');
}
