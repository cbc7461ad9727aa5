/** Shared plumbing of the method tables: argument access with located errors. */
import type { Span } from '../../../pipeline/model/span.ts';
import { ScriptError } from '../../errors.ts';
import { toStr } from '../format.ts';
import { GClosure, GPattern, typeName } from '../values.ts';
import type { Value } from '../values.ts';

export interface MethodEnv {
  span: Span;
  /** Calls a closure argument with the evaluation context of the call site. */
  call(closure: GClosure, args: Value[]): Promise<Value>;
}

export type Method<T> = (self: T, args: Value[], env: MethodEnv) => Value | Promise<Value>;
export type MethodTable<T> = Record<string, Method<T>>;

export function lookupMethod<T>(table: MethodTable<T>, name: string): Method<T> | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

export function argAt(args: Value[], i: number, env: MethodEnv, what: string): Value {
  if (i >= args.length)
    throw new ScriptError(
      `${what}: missing argument ${i + 1}`,
      env.span,
      'groovy.lang.MissingMethodException',
    );
  return args[i] ?? null;
}

export function strArg(args: Value[], i: number, env: MethodEnv, what: string): string {
  const v = argAt(args, i, env, what);
  if (v instanceof GPattern) return v.source;
  return toStr(v);
}

export function numArg(args: Value[], i: number, env: MethodEnv, what: string): number {
  const v = argAt(args, i, env, what);
  if (typeof v !== 'number') {
    throw new ScriptError(
      `${what}: expected a number, got ${typeName(v)}`,
      env.span,
      'groovy.lang.MissingMethodException',
    );
  }
  return v;
}

export function closureArg(args: Value[], i: number, env: MethodEnv, what: string): GClosure {
  const v = argAt(args, i, env, what);
  if (!(v instanceof GClosure)) {
    throw new ScriptError(
      `${what}: expected a closure, got ${typeName(v)}`,
      env.span,
      'groovy.lang.MissingMethodException',
    );
  }
  return v;
}

export function optClosure(args: Value[], i: number): GClosure | undefined {
  const v = args[i];
  return v instanceof GClosure ? v : undefined;
}

/** Java's `toInteger()` on text: an optional sign and digits, else NumberFormatException. */
export function parseInteger(s: string, env: MethodEnv): number {
  const t = s.trim();
  if (!/^[+-]?\d+$/.test(t))
    throw new ScriptError(`For input string: "${s}"`, env.span, 'java.lang.NumberFormatException');
  return Number.parseInt(t, 10);
}

export function parseDecimal(s: string, env: MethodEnv): number {
  const t = s.trim();
  if (t === '' || Number.isNaN(Number(t))) {
    throw new ScriptError(`For input string: "${s}"`, env.span, 'java.lang.NumberFormatException');
  }
  return Number(t);
}

/** Index from the end for negative values, as Groovy's `getAt`. */
export function normIndex(i: number, length: number): number {
  return i < 0 ? length + i : i;
}
