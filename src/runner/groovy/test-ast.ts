/** Terse AST builders for interpreter tests that must not depend on the parser. */
import type { AssignOp, BinaryOp, Expr, Stmt } from '../../pipeline/model/groovy.ts';
import { syntheticSpan } from '../../pipeline/model/span.ts';

const span = syntheticSpan('Jenkinsfile');
type E = Expr | string | number | boolean | null;

export function x(v: E): Expr {
  if (v === null) return { kind: 'null', span };
  if (typeof v === 'string') return { kind: 'str', value: v, quote: 'single', span };
  if (typeof v === 'number') return { kind: 'num', value: v, span };
  if (typeof v === 'boolean') return { kind: 'bool', value: v, span };
  return v;
}
export const v = (name: string): Expr => ({ kind: 'var', name, span });
export const gs = (...parts: Array<string | Expr>): Expr => ({
  kind: 'gstring',
  parts: parts.map((p) => (typeof p === 'string' ? { text: p } : { expr: p })),
  triple: false,
  span,
});
export const list = (...items: E[]): Expr => ({ kind: 'list', items: items.map(x), span });
export const map = (entries: Record<string, E>): Expr => ({
  kind: 'map',
  entries: Object.entries(entries).map(([k, val]) => ({ key: x(k), value: x(val), span })),
  span,
});
export const prop = (object: E, name: string, safe = false): Expr => ({
  kind: 'prop',
  object: x(object),
  name,
  safe,
  spread: false,
  span,
});
export const idx = (object: Expr, index: E): Expr => ({
  kind: 'index',
  object,
  index: x(index),
  span,
});
export const call = (callee: string, ...args: E[]): Expr => ({
  kind: 'call',
  callee,
  args: args.map((a) => ({ value: x(a), span })),
  parens: true,
  span,
});
export const callNamed = (callee: string, named: Record<string, E>, closure?: Expr): Expr => ({
  kind: 'call',
  callee,
  args: Object.entries(named).map(([name, a]) => ({ name, value: x(a), span })),
  ...(closure && closure.kind === 'closure' ? { closure } : {}),
  parens: true,
  span,
});
export const m = (object: E, name: string, ...args: E[]): Expr => ({
  kind: 'method',
  object: x(object),
  name,
  args: args.map((a) => ({ value: x(a), span })),
  safe: false,
  spread: false,
  span,
});
export const cl = (params: string[], ...body: Array<Stmt | Expr>): Expr => ({
  kind: 'closure',
  params: params.map((name) => ({ name, span })),
  implicitIt: params.length === 0,
  body: body.map(st),
  span,
});
export const bin = (op: BinaryOp, left: E, right: E): Expr => ({
  kind: 'binary',
  op,
  left: x(left),
  right: x(right),
  span,
});
export const not = (operand: E): Expr => ({ kind: 'unary', op: '!', operand: x(operand), span });
export const tern = (cond: E, then: E, otherwise: E): Expr => ({
  kind: 'ternary',
  cond: x(cond),
  then: x(then),
  otherwise: x(otherwise),
  span,
});
export const set = (target: Expr, value: E, op: AssignOp = '='): Expr => ({
  kind: 'assign',
  op,
  target,
  value: x(value),
  span,
});
export const range = (from: E, to: E, exclusive = false): Expr => ({
  kind: 'range',
  from: x(from),
  to: x(to),
  exclusive,
  span,
});
export const neu = (typeName: string, ...args: E[]): Expr => ({
  kind: 'new',
  typeName,
  args: args.map((a) => ({ value: x(a), span })),
  span,
});
export const cast = (e: E, typeName: string): Expr => ({
  kind: 'cast',
  expr: x(e),
  typeName,
  span,
});
export const postInc = (target: Expr): Expr => ({
  kind: 'unary',
  op: 'post++',
  operand: target,
  span,
});

export function st(s: Stmt | Expr): Stmt {
  return isStmt(s) ? s : { kind: 'expr', expr: s, span };
}
function isStmt(s: Stmt | Expr): s is Stmt {
  return [
    'expr',
    'def',
    'if',
    'for-in',
    'for-classic',
    'while',
    'return',
    'break',
    'continue',
    'try',
    'throw',
    'switch',
    'block',
  ].includes(s.kind);
}
export const def = (name: string, init?: E, typeName?: string): Stmt => ({
  kind: 'def',
  names: [name],
  ...(init !== undefined ? { init: x(init) } : {}),
  ...(typeName ? { typeName } : {}),
  span,
});
export const ret = (value?: E): Stmt => ({
  kind: 'return',
  ...(value !== undefined ? { value: x(value) } : {}),
  span,
});
export const iff = (cond: E, then: Array<Stmt | Expr>, otherwise?: Array<Stmt | Expr>): Stmt => ({
  kind: 'if',
  cond: x(cond),
  then: then.map(st),
  ...(otherwise ? { otherwise: otherwise.map(st) } : {}),
  span,
});
export const forIn = (varName: string, iterable: E, ...body: Array<Stmt | Expr>): Stmt => ({
  kind: 'for-in',
  varName,
  iterable: x(iterable),
  body: body.map(st),
  span,
});
export const whileLoop = (cond: E, ...body: Array<Stmt | Expr>): Stmt => ({
  kind: 'while',
  cond: x(cond),
  body: body.map(st),
  span,
});
export const brk = (): Stmt => ({ kind: 'break', span });
export const tryCatch = (
  body: Array<Stmt | Expr>,
  varName: string,
  typeNames: string[],
  handler: Array<Stmt | Expr>,
  fin?: Array<Stmt | Expr>,
): Stmt => ({
  kind: 'try',
  body: body.map(st),
  catches: [{ varName, typeNames, body: handler.map(st), span }],
  ...(fin ? { finally: fin.map(st) } : {}),
  span,
});
export const thrw = (value: E): Stmt => ({ kind: 'throw', value: x(value), span });
export const sw = (
  subject: E,
  cases: Array<[E[], Array<Stmt | Expr>]>,
  dflt?: Array<Stmt | Expr>,
): Stmt => ({
  kind: 'switch',
  subject: x(subject),
  cases: cases.map(([values, body]) => ({ values: values.map(x), body: body.map(st), span })),
  ...(dflt ? { defaultCase: dflt.map(st) } : {}),
  span,
});
