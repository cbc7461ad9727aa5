/**
 * The Groovy-subset interpreter: evaluates the AST of `script { }` blocks,
 * step arguments, `when { expression }`, environment values and top-level
 * functions. Asynchronous throughout, because steps are. Anything outside
 * the subset is a located `ScriptError` naming the construct — never a
 * silent skip. docs/groovy-subset.md lists what is supported.
 */
import type { Expr, FunctionDef, Stmt } from '../../pipeline/model/groovy.ts';
import type { Span } from '../../pipeline/model/span.ts';
import { ScriptError } from '../errors.ts';
import { callFunction, invokeClosure } from './closures.ts';
import { BreakSignal, ContinueSignal, ReturnSignal } from './control.ts';
import { evaluate } from './expressions.ts';
import type { CallArgs, GroovyHost } from './host.ts';
import { Scope } from './values.ts';
import { executeBlock } from './statements.ts';
import type { GClosure, Value } from './values.ts';

/** How long evaluation may run without letting timers (timeouts, cancel) fire. */
const YIELD_EVERY_MS = 10;

export class Interpreter<C> {
  /** The build's binding: undeclared assignments and top-level `def`s live here. */
  readonly binding = new Scope(undefined);
  private lastYield = Date.now();

  constructor(
    readonly host: GroovyHost<C>,
    readonly functions: ReadonlyMap<string, FunctionDef>,
  ) {}

  evalExpr(expr: Expr, scope: Scope, ctx: C): Promise<Value> {
    return evaluate(this, expr, scope, ctx);
  }

  execBlock(stmts: Stmt[], scope: Scope, ctx: C): Promise<Value> {
    return executeBlock(this, stmts, scope, ctx);
  }

  /** Runs statements as a body (`script { }`, `expression { }`): its value is what it returns. */
  async runBody(stmts: Stmt[], ctx: C, scope: Scope = this.binding.child()): Promise<Value> {
    try {
      return await this.execBlock(stmts, scope, ctx);
    } catch (signal) {
      if (signal instanceof ReturnSignal) return signal.value;
      if (signal instanceof BreakSignal || signal instanceof ContinueSignal) {
        throw new ScriptError('break or continue outside a loop', stmts[0]?.span);
      }
      throw signal;
    }
  }

  /** Evaluates an expression in the binding's scope (step arguments, environment values). */
  evalInBinding(expr: Expr, ctx: C): Promise<Value> {
    return this.evalExpr(expr, this.binding, ctx);
  }

  callClosure(closure: GClosure, args: Value[], ctx: C): Promise<Value> {
    return invokeClosure(this, closure, args, ctx);
  }

  callFunction(def: FunctionDef, args: CallArgs, ctx: C, span: Span): Promise<Value> {
    return callFunction(this, def, args, ctx, span);
  }

  /** Called in loops and per statement: lets timers fire and stops interrupted scripts. */
  async tick(ctx: C): Promise<void> {
    this.host.checkInterrupted(ctx);
    if (Date.now() - this.lastYield >= YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.lastYield = Date.now();
      this.host.checkInterrupted(ctx);
    }
  }
}
