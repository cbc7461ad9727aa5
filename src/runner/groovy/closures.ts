/** Calling closures and top-level functions: parameter binding, `it`, implicit return values. */
import type { FunctionDef, Param } from '../../pipeline/model/groovy.ts';
import type { Span } from '../../pipeline/model/span.ts';
import { ScriptError } from '../errors.ts';
import { ReturnSignal } from './control.ts';
import type { CallArgs } from './host.ts';
import type { Evaluator } from './evaluator.ts';
import type { Scope } from './values.ts';
import type { GClosure, Value } from './values.ts';

export async function invokeClosure<C>(
  it: Evaluator<C>,
  closure: GClosure,
  args: Value[],
  ctx: C,
): Promise<Value> {
  const scope = closure.scope.child();
  let actual = args;
  // Groovy spreads a single list argument over several declared parameters.
  if (closure.params.length > 1 && args.length === 1 && Array.isArray(args[0])) actual = args[0];
  if (closure.params.length === 0) {
    if (closure.implicitIt) scope.declare('it', actual[0] ?? null);
  } else {
    await bindParams(it, closure.params, actual, scope, ctx);
  }
  return runCallable(it, closure.body, scope, ctx);
}

export async function callFunction<C>(
  it: Evaluator<C>,
  def: FunctionDef,
  args: CallArgs,
  ctx: C,
  span: Span,
): Promise<Value> {
  const positional = args.named
    ? [new Map<Value, Value>(args.named), ...args.positional]
    : args.positional;
  const required = def.params.filter((p) => !p.defaultValue).length;
  if (positional.length < required || positional.length > def.params.length) {
    throw new ScriptError(
      `${def.name}() takes ${def.params.length} argument(s), called with ${positional.length}`,
      span,
      'groovy.lang.MissingMethodException',
    );
  }
  const scope = it.binding.child();
  await bindParams(it, def.params, positional, scope, ctx);
  return runCallable(it, def.body, scope, ctx);
}

async function bindParams<C>(
  it: Evaluator<C>,
  params: Param[],
  args: Value[],
  scope: Scope,
  ctx: C,
): Promise<void> {
  for (const [i, p] of params.entries()) {
    if (i < args.length) scope.declare(p.name, args[i] ?? null);
    else
      scope.declare(p.name, p.defaultValue ? await it.evalExpr(p.defaultValue, scope, ctx) : null);
  }
}

async function runCallable<C>(
  it: Evaluator<C>,
  body: GClosure['body'],
  scope: Scope,
  ctx: C,
): Promise<Value> {
  try {
    return await it.execBlock(body, scope, ctx);
  } catch (signal) {
    if (signal instanceof ReturnSignal) return signal.value;
    throw signal;
  }
}
