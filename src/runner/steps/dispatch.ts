/**
 * Running steps. A declarative step and a call in a script take the same
 * path: a top-level function, a host built-in (`usernamePassword(…)`), or a
 * step implementation; each step emits step.start/step.end.
 */
import type { Step } from '../../pipeline/model/pipeline.ts';
import type { Span } from '../../pipeline/model/span.ts';
import { stepSignature } from '../../pipeline/steps/catalog.ts';
import { derive } from '../build/context.ts';
import type { ExecContext } from '../build/types.ts';
import { ScriptError, StepFailure, asPipelineError } from '../errors.ts';
import { evalArgs } from '../groovy/calls.ts';
import type { CallArgs } from '../groovy/host.ts';
import type { Value } from '../groovy/values.ts';
import { builtin, isBuiltin } from '../host/builtins.ts';
import { throwIfAborted } from '../interrupt.ts';
import { bindArgs } from './args.ts';
import { stepImpl } from './registry.ts';
import type { Body, StepImpl } from './types.ts';

export async function runSteps(steps: Step[], ctx: ExecContext): Promise<void> {
  const interp = ctx.build.interp;
  for (const step of steps) {
    await interp.tick(ctx);
    if (step.kind === 'script') {
      const body = step.body;
      await dispatchCall(
        'script',
        { positional: [], named: undefined },
        (c) => interp.runBody(body, c),
        step.span,
        ctx,
      );
      continue;
    }
    const args = await evalArgs(interp, step.args, undefined, interp.binding, ctx);
    const inner = step.body;
    await dispatchCall(
      step.name,
      args,
      inner ? (c) => runSteps(inner, c).then(() => null) : undefined,
      step.span,
      ctx,
    );
  }
}

export async function dispatchCall(
  name: string,
  args: CallArgs,
  body: Body | undefined,
  span: Span,
  ctx: ExecContext,
): Promise<Value> {
  const fn = ctx.build.interp.functions.get(name);
  if (fn && !body) return ctx.build.interp.callFunction(fn, args, ctx, span);
  const made = builtin(name, args, span);
  if (made !== undefined) return made;
  const impl = stepImpl(name);
  if (impl) return invokeStep(name, impl, args, body, span, ctx);
  const sig = stepSignature(name);
  if (sig && !sig.supported)
    throw new ScriptError(
      `${name}: ${sig.reason ?? 'not supported by Rig'}`,
      span,
      'java.lang.UnsupportedOperationException',
    );
  throw new ScriptError(
    `No such DSL method '${name}' found among steps`,
    span,
    'java.lang.NoSuchMethodError',
  );
}

export function isCallable(name: string): boolean {
  return stepImpl(name) !== undefined || stepSignature(name) !== undefined || isBuiltin(name);
}

async function invokeStep(
  name: string,
  impl: StepImpl,
  args: CallArgs,
  body: Body | undefined,
  span: Span,
  ctx: ExecContext,
): Promise<Value> {
  throwIfAborted(ctx.signal);
  const build = ctx.build;
  const bound = bindArgs(name, args, span);
  const stepId = build.nextStepId();
  const sctx = derive(ctx, { stepId });
  if (impl.needsNode && !ctx.node) {
    throw new StepFailure(
      `${name} needs a machine, but none is allocated here (the pipeline says agent none and this stage names no agent)`,
    );
  }
  const label = impl.label?.(bound);
  const startedAt = Date.now();
  build.emit({
    type: 'step.start',
    at: startedAt,
    stepId,
    stage: ctx.stage?.path ?? null,
    name,
    ...(label ? { label } : {}),
  });
  try {
    const value = await impl.run({ name, ctx: sctx, args: bound, body, span });
    build.emit({
      type: 'step.end',
      at: Date.now(),
      stepId,
      result: 'SUCCESS',
      durationMs: Date.now() - startedAt,
    });
    return value;
  } catch (thrown) {
    // return/break/continue signals pass through steps untouched.
    if (!(thrown instanceof Error)) {
      build.emit({
        type: 'step.end',
        at: Date.now(),
        stepId,
        result: 'SUCCESS',
        durationMs: Date.now() - startedAt,
      });
      throw thrown;
    }
    const error = asPipelineError(thrown);
    build.emit({
      type: 'step.end',
      at: Date.now(),
      stepId,
      result: error.result,
      durationMs: Date.now() - startedAt,
    });
    throw error;
  }
}
