/** Assignment (`=`, `+=`, `?=`…) and `++`/`--` to variables, properties and indexes. */
import type { AssignExpr, Expr, UnaryExpr } from '../../pipeline/model/groovy.ts';
import type { Span } from '../../pipeline/model/span.ts';
import { ScriptError } from '../errors.ts';
import { indexOf, propertyOf, setIndex, setProperty } from './access.ts';
import type { Evaluator } from './evaluator.ts';
import { binary } from './operators.ts';
import type { Scope } from './values.ts';
import { truthy, typeName } from './values.ts';
import type { Value } from './values.ts';

/** A resolved assignment target: read its current value, write a new one. */
interface Place {
  read(): Value;
  write(v: Value): void;
}

async function place<C>(it: Evaluator<C>, target: Expr, scope: Scope, ctx: C): Promise<Place> {
  switch (target.kind) {
    case 'var':
      return {
        read: () => {
          const holder = scope.lookup(target.name);
          if (holder) return holder.get(target.name);
          const hosted = it.host.resolveName(target.name, ctx);
          if (hosted !== undefined) return hosted;
          throw new ScriptError(
            `No such property: ${target.name}`,
            target.span,
            'groovy.lang.MissingPropertyException',
          );
        },
        write: (v) => scope.assign(target.name, v),
      };
    case 'prop': {
      const obj = await it.evalExpr(target.object, scope, ctx);
      return {
        read: () => propertyOf(it, obj, target.name, target.span, ctx),
        write: (v) => setProperty(it, obj, target.name, v, target.span, ctx),
      };
    }
    case 'index': {
      const obj = await it.evalExpr(target.object, scope, ctx);
      const index = await it.evalExpr(target.index, scope, ctx);
      return {
        read: () => indexOf(it, obj, index, target.span, ctx),
        write: (v) => setIndex(it, obj, index, v, target.span, ctx),
      };
    }
    default:
      throw new ScriptError(`cannot assign to this expression (${target.kind})`, target.span);
  }
}

export async function assign<C>(
  it: Evaluator<C>,
  expr: AssignExpr,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  const p = await place(it, expr.target, scope, ctx);
  if (expr.op === '=') {
    const v = await it.evalExpr(expr.value, scope, ctx);
    p.write(v);
    return v;
  }
  if (expr.op === '?=') {
    const current = p.read();
    if (truthy(current)) return current;
    const v = await it.evalExpr(expr.value, scope, ctx);
    p.write(v);
    return v;
  }
  const op = expr.op.slice(0, -1) as '+' | '-' | '*' | '/' | '%';
  const v = binary(op, p.read(), await it.evalExpr(expr.value, scope, ctx), expr.span);
  p.write(v);
  return v;
}

export async function assignUpdate<C>(
  it: Evaluator<C>,
  expr: UnaryExpr,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  const p = await place(it, expr.operand, scope, ctx);
  const old = p.read();
  const next = step(old, expr.op === '++pre' || expr.op === 'post++' ? 1 : -1, expr.span);
  p.write(next);
  return expr.op === '++pre' || expr.op === '--pre' ? next : old;
}

function step(v: Value, delta: number, span: Span): Value {
  if (typeof v === 'number') return v + delta;
  throw new ScriptError(
    `cannot increment ${typeName(v)}`,
    span,
    'groovy.lang.MissingMethodException',
  );
}
