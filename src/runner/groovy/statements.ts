/**
 * Statements. A block's value is its last statement's value (Groovy returns
 * it from closures and methods implicitly).
 */
import type { Stmt, SwitchStmt, TryStmt } from '../../pipeline/model/groovy.ts';
import { PipelineError, ScriptError, asPipelineError } from '../errors.ts';
import { castTo } from './casts.ts';
import { BreakSignal, ContinueSignal, ReturnSignal } from './control.ts';
import type { Evaluator } from './evaluator.ts';
import { isCase } from './operators.ts';
import type { Scope } from './values.ts';
import { errorIsA } from './types.ts';
import { GClosure, GEntry, GError, HostObject, truthy, typeName } from './values.ts';
import type { Value } from './values.ts';

export async function executeBlock<C>(
  it: Evaluator<C>,
  stmts: Stmt[],
  scope: Scope,
  ctx: C,
): Promise<Value> {
  let last: Value = null;
  for (const stmt of stmts) {
    await it.tick(ctx);
    last = await execute(it, stmt, scope, ctx);
  }
  return last;
}

async function execute<C>(it: Evaluator<C>, stmt: Stmt, scope: Scope, ctx: C): Promise<Value> {
  switch (stmt.kind) {
    case 'expr':
      return it.evalExpr(stmt.expr, scope, ctx);
    case 'def':
      return define(it, stmt, scope, ctx);
    case 'if':
      if (truthy(await it.evalExpr(stmt.cond, scope, ctx)))
        return it.execBlock(stmt.then, scope.child(), ctx);
      return stmt.otherwise ? it.execBlock(stmt.otherwise, scope.child(), ctx) : null;
    case 'for-in':
      return forIn(it, stmt, scope, ctx);
    case 'for-classic': {
      const loopScope = scope.child();
      if (stmt.init) await execute(it, stmt.init, loopScope, ctx);
      const cond = stmt.cond;
      const update = stmt.update;
      await loop(
        it,
        ctx,
        async () => !cond || truthy(await it.evalExpr(cond, loopScope, ctx)),
        () => it.execBlock(stmt.body, loopScope.child(), ctx),
        async () => {
          if (update) await it.evalExpr(update, loopScope, ctx);
        },
      );
      return null;
    }
    case 'while':
      await loop(
        it,
        ctx,
        async () => truthy(await it.evalExpr(stmt.cond, scope, ctx)),
        () => it.execBlock(stmt.body, scope.child(), ctx),
      );
      return null;
    case 'return':
      throw new ReturnSignal(stmt.value ? await it.evalExpr(stmt.value, scope, ctx) : null);
    case 'break':
      throw new BreakSignal();
    case 'continue':
      throw new ContinueSignal();
    case 'try':
      return tryStatement(it, stmt, scope, ctx);
    case 'throw':
      return throwValue(await it.evalExpr(stmt.value, scope, ctx), stmt);
    case 'switch':
      return switchStatement(it, stmt, scope, ctx);
    case 'block':
      return it.execBlock(stmt.body, scope.child(), ctx);
  }
}

async function define<C>(
  it: Evaluator<C>,
  stmt: Extract<Stmt, { kind: 'def' }>,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  let value: Value = stmt.init ? await it.evalExpr(stmt.init, scope, ctx) : null;
  if (stmt.names.length > 1) {
    const items = Array.isArray(value) ? value : [];
    stmt.names.forEach((name, i) => scope.declare(name, items[i] ?? null));
    return value;
  }
  if (stmt.typeName && stmt.init) value = castTo(value, stmt.typeName, stmt.span, true);
  scope.declare(stmt.names[0] ?? '_', value);
  return value;
}

async function forIn<C>(
  it: Evaluator<C>,
  stmt: Extract<Stmt, { kind: 'for-in' }>,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  const items = iterable(it, await it.evalExpr(stmt.iterable, scope, ctx), stmt, ctx);
  let i = 0;
  await loop(
    it,
    ctx,
    async () => i < items.length,
    () => {
      const body = scope.child();
      body.declare(stmt.varName, items[i] ?? null);
      return it.execBlock(stmt.body, body, ctx);
    },
    async () => {
      i++;
    },
  );
  return null;
}

function iterable<C>(it: Evaluator<C>, v: Value, stmt: Stmt, ctx: C): Value[] {
  if (v === null) return [];
  if (Array.isArray(v)) return [...v];
  if (v instanceof Map) return [...v].map(([k, val]) => new GEntry(k, val));
  if (typeof v === 'string') return [...v];
  if (v instanceof HostObject) {
    const plain = it.host.asPlainValue(v, ctx);
    if (plain !== undefined) return iterable(it, plain, stmt, ctx);
  }
  throw new ScriptError(
    `cannot iterate over ${typeName(v)}`,
    stmt.span,
    'groovy.lang.MissingMethodException',
  );
}

/** A loop that honours break/continue and lets timers fire between iterations. */
async function loop<C>(
  it: Evaluator<C>,
  ctx: C,
  cond: () => Promise<boolean>,
  body: () => Promise<Value>,
  update: () => Promise<void> = async () => {},
): Promise<void> {
  while (await cond()) {
    await it.tick(ctx);
    try {
      await body();
    } catch (signal) {
      if (signal instanceof BreakSignal) return;
      if (!(signal instanceof ContinueSignal)) throw signal;
    }
    await update();
  }
}

async function tryStatement<C>(
  it: Evaluator<C>,
  stmt: TryStmt,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  try {
    return await it.execBlock(stmt.body, scope.child(), ctx);
  } catch (thrown) {
    if (
      thrown instanceof ReturnSignal ||
      thrown instanceof BreakSignal ||
      thrown instanceof ContinueSignal
    )
      throw thrown;
    const error = asPipelineError(thrown);
    const value = new GError(error);
    const handler = stmt.catches.find(
      (c) => c.typeNames.length === 0 || c.typeNames.some((t) => errorIsA(value, t)),
    );
    if (!handler) throw error;
    const catchScope = scope.child();
    catchScope.declare(handler.varName, value);
    return await it.execBlock(handler.body, catchScope, ctx);
  } finally {
    if (stmt.finally) await it.execBlock(stmt.finally, scope.child(), ctx);
  }
}

function throwValue(v: Value, stmt: Stmt): never {
  if (v instanceof GError) throw v.error;
  if (v instanceof PipelineError) throw v;
  throw new ScriptError(
    `can only throw exceptions, not ${typeName(v)}`,
    stmt.span,
    'groovy.lang.GroovyRuntimeException',
  );
}

async function switchStatement<C>(
  it: Evaluator<C>,
  stmt: SwitchStmt,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  const subject = await it.evalExpr(stmt.subject, scope, ctx);
  let matched = -1;
  for (const [i, c] of stmt.cases.entries()) {
    for (const valueExpr of c.values) {
      const caseValue = await it.evalExpr(valueExpr, scope, ctx);
      const hit =
        caseValue instanceof GClosure
          ? truthy(await it.callClosure(caseValue, [subject], ctx))
          : isCase(caseValue, subject, valueExpr.span);
      if (hit) {
        matched = i;
        break;
      }
    }
    if (matched >= 0) break;
  }
  const bodies =
    matched >= 0
      ? stmt.cases.slice(matched).map((c) => c.body)
      : stmt.defaultCase
        ? [stmt.defaultCase]
        : [];
  let last: Value = null;
  try {
    for (const body of bodies) last = await it.execBlock(body, scope.child(), ctx);
  } catch (signal) {
    if (!(signal instanceof BreakSignal)) throw signal;
  }
  return last;
}
