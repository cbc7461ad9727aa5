/**
 * Calls. A free call (`foo(…)`) is, in order: a closure in a variable, a
 * top-level `def` function, a built-in (`println`), or a step or host
 * built-in. A method call dispatches on the receiver's type.
 */
import type { Arg, CallExpr, ClosureExpr, MethodExpr } from '../../pipeline/model/groovy.ts';
import type { Span } from '../../pipeline/model/span.ts';
import { ScriptError } from '../errors.ts';
import { groovyEquals } from './compare.ts';
import { toStr } from './format.ts';
import type { CallArgs } from './host.ts';
import type { Evaluator } from './evaluator.ts';
import { LIST_METHODS } from './methods/lists.ts';
import { MAP_METHODS } from './methods/maps.ts';
import { BOOLEAN_METHODS, NUMBER_METHODS } from './methods/numbers.ts';
import {
  ENTRY_METHODS,
  ERROR_METHODS,
  MATCHER_METHODS,
  PATTERN_METHODS,
} from './methods/objects.ts';
import { staticMethod } from './methods/statics.ts';
import { STRING_METHODS } from './methods/strings.ts';
import type { MethodEnv, MethodTable } from './methods/support.ts';
import { lookupMethod } from './methods/support.ts';
import { npe } from './operators.ts';
import type { Scope } from './values.ts';
import {
  GClassRef,
  GClosure,
  GEntry,
  GError,
  GMatcher,
  GPattern,
  HostObject,
  truthy,
  typeName,
} from './values.ts';
import type { Value } from './values.ts';

export async function evalArgs<C>(
  it: Evaluator<C>,
  args: Arg[],
  closure: ClosureExpr | undefined,
  scope: Scope,
  ctx: C,
): Promise<CallArgs> {
  const positional: Value[] = [];
  let named: Map<string, Value> | undefined;
  for (const arg of args) {
    const v = await it.evalExpr(arg.value, scope, ctx);
    if (arg.name === undefined) positional.push(v);
    else (named ??= new Map()).set(arg.name, v);
  }
  if (closure) positional.push(await it.evalExpr(closure, scope, ctx));
  return { positional, named };
}

export async function callFree<C>(
  it: Evaluator<C>,
  expr: CallExpr,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  const name = expr.callee;
  const holder = scope.lookup(name);
  const local = holder?.get(name);
  const args = await evalArgs(it, expr.args, undefined, scope, ctx);
  const body = expr.closure
    ? new GClosure(
        expr.closure.params,
        expr.closure.implicitIt,
        expr.closure.body,
        scope,
        expr.closure.span,
      )
    : undefined;
  if (local instanceof GClosure) return it.callClosure(local, withNamedFirst(args, body), ctx);
  const fn = it.functions.get(name);
  if (fn)
    return it.callFunction(
      fn,
      body ? { ...args, positional: [...args.positional, body] } : args,
      ctx,
      expr.span,
    );
  if (name === 'println' || name === 'print') {
    it.host.print(args.positional.length > 0 ? toStr(args.positional[0] ?? null) : '', ctx);
    return null;
  }
  if (it.host.hasCallable(name)) return it.host.call(name, args, body, expr.span, ctx);
  throw new ScriptError(
    `No such DSL method '${name}' found among steps`,
    expr.span,
    'java.lang.NoSuchMethodError',
  );
}

function withNamedFirst(args: CallArgs, body: GClosure | undefined): Value[] {
  const out: Value[] = args.named
    ? [new Map<Value, Value>(args.named), ...args.positional]
    : [...args.positional];
  if (body) out.push(body);
  return out;
}

export async function callMethod<C>(
  it: Evaluator<C>,
  expr: MethodExpr,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  const obj = await it.evalExpr(expr.object, scope, ctx);
  if (obj === null && expr.safe) return null;
  const args = withNamedFirst(await evalArgs(it, expr.args, expr.closure, scope, ctx), undefined);
  if (expr.spread) {
    if (obj === null) return null;
    if (!Array.isArray(obj))
      throw new ScriptError(`*. needs a list, not ${typeName(obj)}`, expr.span);
    const out: Value[] = [];
    for (const x of obj)
      out.push(x === null ? null : await invokeMethod(it, x, expr.name, args, expr.span, ctx));
    return out;
  }
  return invokeMethod(it, obj, expr.name, args, expr.span, ctx);
}

export async function invokeMethod<C>(
  it: Evaluator<C>,
  obj: Value,
  name: string,
  args: Value[],
  span: Span,
  ctx: C,
): Promise<Value> {
  if (obj === null) {
    if (name === 'toString') return 'null';
    if (name === 'equals') return args[0] === null;
    throw npe(`invoke method ${name}()`, span);
  }
  const env: MethodEnv = { span, call: (c, a) => it.callClosure(c, a, ctx) };
  if (obj instanceof HostObject) {
    const hosted = it.host.invokeMethod(obj, name, args, span, ctx);
    if (hosted !== undefined) return hosted;
    const plain = it.host.asPlainValue(obj, ctx);
    if (plain !== undefined) return invokeMethod(it, plain, name, args, span, ctx);
  } else if (obj instanceof GClassRef) {
    return staticMethod(obj, name, args, env);
  } else if (obj instanceof GClosure && (name === 'call' || name === 'doCall')) {
    return it.callClosure(obj, args, ctx);
  } else if (
    obj instanceof Map &&
    !lookupMethod(MAP_METHODS, name) &&
    obj.get(name) instanceof GClosure
  ) {
    return it.callClosure(obj.get(name) as GClosure, args, ctx);
  } else {
    const method = methodFor(obj, name);
    if (method) return method(obj as never, args, env);
  }
  const universal = universalMethod(obj, name, args);
  if (universal !== undefined) return universal;
  throw new ScriptError(
    `No signature of method: ${typeName(obj)}.${name}() is applicable (outside the Groovy subset Rig supports?)`,
    span,
    'groovy.lang.MissingMethodException',
  );
}

type AnyMethod = (self: never, args: Value[], env: MethodEnv) => Value | Promise<Value>;

function methodFor(obj: Value, name: string): AnyMethod | undefined {
  const table = tableFor(obj) as MethodTable<never> | undefined;
  return table ? lookupMethod(table, name) : undefined;
}

function tableFor(obj: Value): MethodTable<never> | undefined {
  if (typeof obj === 'string') return STRING_METHODS as MethodTable<never>;
  if (typeof obj === 'number') return NUMBER_METHODS as MethodTable<never>;
  if (typeof obj === 'boolean') return BOOLEAN_METHODS as MethodTable<never>;
  if (Array.isArray(obj)) return LIST_METHODS as MethodTable<never>;
  if (obj instanceof Map) return MAP_METHODS as MethodTable<never>;
  if (obj instanceof GMatcher) return MATCHER_METHODS as MethodTable<never>;
  if (obj instanceof GPattern) return PATTERN_METHODS as MethodTable<never>;
  if (obj instanceof GEntry) return ENTRY_METHODS as MethodTable<never>;
  if (obj instanceof GError) return ERROR_METHODS as MethodTable<never>;
  return undefined;
}

/** Methods every object has. */
function universalMethod(obj: Value, name: string, args: Value[]): Value | undefined {
  switch (name) {
    case 'toString':
      return toStr(obj);
    case 'equals':
      return groovyEquals(obj, args[0] ?? null);
    case 'is':
      return obj === args[0];
    case 'getClass':
      return new GClassRef(typeName(obj));
    case 'asBoolean':
      return truthy(obj);
    case 'inspect':
      return toStr(obj);
    default:
      return undefined;
  }
}
