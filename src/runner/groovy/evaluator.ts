/**
 * The evaluator as its parts see it. `Interpreter` implements it; the
 * expression, statement, call and access modules depend only on this
 * interface, so they do not import one another through the class.
 */
import type { Expr, FunctionDef, Stmt } from '../../pipeline/model/groovy.ts';
import type { Span } from '../../pipeline/model/span.ts';
import type { CallArgs, GroovyHost } from './host.ts';
import type { GClosure, Scope, Value } from './values.ts';

export interface Evaluator<C> {
  readonly host: GroovyHost<C>;
  readonly functions: ReadonlyMap<string, FunctionDef>;
  readonly binding: Scope;
  evalExpr(expr: Expr, scope: Scope, ctx: C): Promise<Value>;
  execBlock(stmts: Stmt[], scope: Scope, ctx: C): Promise<Value>;
  callClosure(closure: GClosure, args: Value[], ctx: C): Promise<Value>;
  callFunction(def: FunctionDef, args: CallArgs, ctx: C, span: Span): Promise<Value>;
  tick(ctx: C): Promise<void>;
}
