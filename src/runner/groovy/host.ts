/**
 * What the interpreter needs from the runner. The interpreter knows Groovy;
 * the host knows steps, the environment and the build. `C` is the runner's
 * dynamic context (stage, directory, environment layers, cancellation): it
 * travels with every evaluation, because the same closure may run under
 * `dir('a')` once and in a parallel branch the next time.
 */
import type { Span } from '../../pipeline/model/span.ts';
import type { GClosure, HostObject, Value } from './values.ts';

export interface CallArgs {
  positional: Value[];
  /** `name: value` arguments, in source order; `undefined` when there were none. */
  named: Map<string, Value> | undefined;
}

export interface GroovyHost<C> {
  /** Whether `name` is something the host runs (a step or a host built-in). */
  hasCallable(name: string): boolean;
  call(
    name: string,
    args: CallArgs,
    body: GClosure | undefined,
    span: Span,
    ctx: C,
  ): Promise<Value>;
  /** Names after lexical scope: `env`, `params`, `currentBuild`, env vars, parameters. */
  resolveName(name: string, ctx: C): Value | undefined;
  getProperty(obj: HostObject, name: string, span: Span, ctx: C): Value;
  setProperty(obj: HostObject, name: string, value: Value, span: Span, ctx: C): void;
  /** `undefined` when the object has no such method. */
  invokeMethod(
    obj: HostObject,
    name: string,
    args: Value[],
    span: Span,
    ctx: C,
  ): Promise<Value> | undefined;
  /** A plain value for host objects that behave like maps (`params.each { … }`). */
  asPlainValue(obj: HostObject, ctx: C): Value | undefined;
  /** Throws the pending interruption (timeout, cancel) so long scripts stop. */
  checkInterrupted(ctx: C): void;
  print(text: string, ctx: C): void;
}
