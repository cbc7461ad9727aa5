/** Expressions: literals, GStrings, names, operators, closures, ranges, casts and `new`. */
import type {
  BinaryExpr,
  Expr,
  NewExpr,
  RangeExpr,
  UnaryExpr,
} from '../../pipeline/model/groovy.ts';
import { ScriptError, ThrownByScript } from '../errors.ts';
import { assign, assignUpdate } from './assign.ts';
import { getIndex, getProperty } from './access.ts';
import { callFree, callMethod } from './calls.ts';
import { castTo } from './casts.ts';
import { toStr } from './format.ts';
import type { Evaluator } from './evaluator.ts';
import { classNamed } from './methods/statics.ts';
import { binary } from './operators.ts';
import type { Scope } from './values.ts';
import { isExceptionClass, qualifiedException, simpleName } from './types.ts';
import { GClassRef, GClosure, GError, GPattern, truthy, typeName } from './values.ts';
import type { Value } from './values.ts';

/** Ranges larger than this are almost certainly a mistake, and would exhaust memory. */
const MAX_RANGE = 1_000_000;

export async function evaluate<C>(
  it: Evaluator<C>,
  expr: Expr,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  switch (expr.kind) {
    case 'str':
      return expr.value;
    case 'gstring': {
      let out = '';
      for (const part of expr.parts)
        out += 'text' in part ? part.text : toStr(await evaluate(it, part.expr, scope, ctx));
      return out;
    }
    case 'num':
    case 'bool':
      return expr.value;
    case 'null':
      return null;
    case 'list': {
      const items: Value[] = [];
      for (const item of expr.items) items.push(await evaluate(it, item, scope, ctx));
      return items;
    }
    case 'map': {
      const map = new Map<Value, Value>();
      for (const entry of expr.entries)
        map.set(
          await evaluate(it, entry.key, scope, ctx),
          await evaluate(it, entry.value, scope, ctx),
        );
      return map;
    }
    case 'var':
      return resolveName(it, expr.name, scope, ctx, expr);
    case 'prop':
      return getProperty(it, expr, scope, ctx);
    case 'index':
      return getIndex(it, expr, scope, ctx);
    case 'call':
      return callFree(it, expr, scope, ctx);
    case 'method':
      return callMethod(it, expr, scope, ctx);
    case 'closure':
      return new GClosure(expr.params, expr.implicitIt, expr.body, scope, expr.span);
    case 'unary':
      return unary(it, expr, scope, ctx);
    case 'binary':
      return binaryExpr(it, expr, scope, ctx);
    case 'ternary':
      return truthy(await evaluate(it, expr.cond, scope, ctx))
        ? evaluate(it, expr.then, scope, ctx)
        : evaluate(it, expr.otherwise, scope, ctx);
    case 'assign':
      return assign(it, expr, scope, ctx);
    case 'range':
      return range(it, expr, scope, ctx);
    case 'cast':
      return castTo(await evaluate(it, expr.expr, scope, ctx), expr.typeName, expr.span);
    case 'new':
      return construct(it, expr, scope, ctx);
  }
}

/**
 * A bare name: local variables first, then the host (`env`, `params`,
 * `currentBuild`, environment variables, parameters), then class names.
 */
export function resolveName<C>(
  it: Evaluator<C>,
  name: string,
  scope: Scope,
  ctx: C,
  expr: Expr,
): Value {
  const holder = scope.lookup(name);
  if (holder) return holder.get(name);
  const hosted = it.host.resolveName(name, ctx);
  if (hosted !== undefined) return hosted;
  const cls = classNamed(name);
  if (cls) return cls;
  throw new ScriptError(
    `No such property: ${name}`,
    expr.span,
    'groovy.lang.MissingPropertyException',
  );
}

async function unary<C>(it: Evaluator<C>, expr: UnaryExpr, scope: Scope, ctx: C): Promise<Value> {
  switch (expr.op) {
    case '!':
      return !truthy(await evaluate(it, expr.operand, scope, ctx));
    case '-':
    case '+': {
      const v = await evaluate(it, expr.operand, scope, ctx);
      if (typeof v !== 'number')
        throw new ScriptError(
          `cannot apply unary ${expr.op} to ${typeName(v)}`,
          expr.span,
          'groovy.lang.MissingMethodException',
        );
      return expr.op === '-' ? -v : v;
    }
    case '~': {
      const v = await evaluate(it, expr.operand, scope, ctx);
      if (typeof v === 'string') return new GPattern(v);
      if (typeof v === 'number') return ~v;
      throw new ScriptError(
        `cannot apply ~ to ${typeName(v)}`,
        expr.span,
        'groovy.lang.MissingMethodException',
      );
    }
    case '++pre':
    case '--pre':
    case 'post++':
    case 'post--':
      return assignUpdate(it, expr, scope, ctx);
  }
}

async function binaryExpr<C>(
  it: Evaluator<C>,
  expr: BinaryExpr,
  scope: Scope,
  ctx: C,
): Promise<Value> {
  switch (expr.op) {
    case '&&':
      return (
        truthy(await evaluate(it, expr.left, scope, ctx)) &&
        truthy(await evaluate(it, expr.right, scope, ctx))
      );
    case '||':
      return (
        truthy(await evaluate(it, expr.left, scope, ctx)) ||
        truthy(await evaluate(it, expr.right, scope, ctx))
      );
    case '?:': {
      const left = await evaluate(it, expr.left, scope, ctx);
      return truthy(left) ? left : evaluate(it, expr.right, scope, ctx);
    }
    case 'instanceof': {
      const left = await evaluate(it, expr.left, scope, ctx);
      const name = dottedName(expr.right);
      if (!name) throw new ScriptError('instanceof needs a class name', expr.right.span);
      return binary('instanceof', left, new GClassRef(name), expr.span);
    }
    default: {
      const left = await evaluate(it, expr.left, scope, ctx);
      const right = await evaluate(it, expr.right, scope, ctx);
      return binary(expr.op, left, right, expr.span);
    }
  }
}

/** `java.lang.String` or `String` written as an expression. */
export function dottedName(expr: Expr): string | undefined {
  if (expr.kind === 'var') return expr.name;
  if (expr.kind === 'prop') {
    const head = dottedName(expr.object);
    return head ? `${head}.${expr.name}` : undefined;
  }
  return undefined;
}

async function range<C>(it: Evaluator<C>, expr: RangeExpr, scope: Scope, ctx: C): Promise<Value> {
  const from = await evaluate(it, expr.from, scope, ctx);
  const to = await evaluate(it, expr.to, scope, ctx);
  const chars =
    typeof from === 'string' && typeof to === 'string' && from.length === 1 && to.length === 1;
  const a = chars ? from.charCodeAt(0) : from;
  const b = chars ? to.charCodeAt(0) : to;
  if (typeof a !== 'number' || typeof b !== 'number') {
    throw new ScriptError(
      `a range needs numbers or single characters, not ${typeName(from)}..${typeName(to)}`,
      expr.span,
    );
  }
  const step = a <= b ? 1 : -1;
  const end = expr.exclusive ? b - step : b;
  const count = Math.floor(Math.abs(end - a)) + 1;
  if ((expr.exclusive && a === b) || count <= 0) return [];
  if (count > MAX_RANGE)
    throw new ScriptError(`range ${a}..${b} has more than ${MAX_RANGE} elements`, expr.span);
  return Array.from({ length: count }, (_, i) =>
    chars ? String.fromCharCode(a + i * step) : a + i * step,
  );
}

async function construct<C>(it: Evaluator<C>, expr: NewExpr, scope: Scope, ctx: C): Promise<Value> {
  const args: Value[] = [];
  for (const a of expr.args) args.push(await evaluate(it, a.value, scope, ctx));
  const name = simpleName(expr.typeName);
  if (isExceptionClass(name)) {
    const message =
      args[0] instanceof GError
        ? args[0].error.message
        : args[0] === undefined || args[0] === null
          ? ''
          : toStr(args[0]);
    return new GError(new ThrownByScript(qualifiedException(expr.typeName), message));
  }
  switch (name) {
    case 'ArrayList':
    case 'LinkedList':
    case 'Vector':
      return Array.isArray(args[0]) ? [...args[0]] : [];
    case 'HashMap':
    case 'LinkedHashMap':
    case 'TreeMap':
      return args[0] instanceof Map ? new Map(args[0]) : new Map();
    case 'HashSet':
    case 'LinkedHashSet':
    case 'TreeSet':
      return castTo(Array.isArray(args[0]) ? args[0] : [], 'Set', expr.span);
    case 'String':
      return args[0] === undefined ? '' : toStr(args[0]);
  }
  throw new ScriptError(
    `new ${expr.typeName}(…) is outside the Groovy subset Rig supports (see docs/groovy-subset.md)`,
    expr.span,
    'groovy.lang.MissingMethodException',
  );
}
