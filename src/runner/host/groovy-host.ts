/** The interpreter's host: steps, the environment and the build, seen from Groovy. */
import type { ExecContext } from '../build/types.ts';
import { log } from '../build/context.ts';
import type { GroovyHost } from '../groovy/host.ts';
import { throwIfAborted } from '../interrupt.ts';
import { dispatchCall, isCallable } from '../steps/dispatch.ts';
import {
  getHostProperty,
  hostPlainValue,
  invokeHostMethod,
  resolveGlobal,
  setHostProperty,
} from './objects.ts';

export function createGroovyHost(): GroovyHost<ExecContext> {
  return {
    hasCallable: isCallable,
    call: (name, args, body, span, ctx) =>
      dispatchCall(
        name,
        args,
        body ? (c) => c.build.interp.callClosure(body, [], c) : undefined,
        span,
        ctx,
      ),
    resolveName: resolveGlobal,
    getProperty: getHostProperty,
    setProperty: setHostProperty,
    invokeMethod: invokeHostMethod,
    asPlainValue: hostPlainValue,
    checkInterrupted: (ctx) => throwIfAborted(ctx.signal),
    print: (text, ctx) => log(ctx, text, 'stdout'),
  };
}
