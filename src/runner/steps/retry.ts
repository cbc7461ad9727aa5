/**
 * `retry(3) { … }`: runs the body up to N times (workflow-basic-steps'
 * RetryStepExecution). A real interruption (cancel, failFast) is never
 * retried; a timeout of a `timeout` inside the body is. With `conditions`,
 * only agent losses are retried, which cannot happen under one runner.
 */
import { log } from '../build/context.ts';
import type { ExecContext } from '../build/types.ts';
import { Interruption, StepFailure, asPipelineError, describeError } from '../errors.ts';
import { throwIfAborted } from '../interrupt.ts';
import type { Body, StepImpl } from './types.ts';

export const retry: StepImpl = {
  needsNode: false,
  async run({ ctx, args, body }) {
    if (!body) return null;
    return retryBody(ctx, args.num('count'), args.list('conditions').length > 0, body);
  },
};

export async function retryBody<T>(
  ctx: ExecContext,
  count: number,
  conditional: boolean,
  body: (ctx: ExecContext) => Promise<T>,
): Promise<T> {
  for (let left = count; ;) {
    try {
      return await body(ctx);
    } catch (thrown) {
      if (!(thrown instanceof Error)) throw thrown;
      left--;
      const err = asPipelineError(thrown);
      const retryable = conditional
        ? false
        : !(err instanceof Interruption && err.actualInterruption);
      if (left <= 0 || !retryable) throw err;
      throwIfAborted(ctx.signal);
      log(
        ctx,
        err instanceof StepFailure ? `ERROR: ${err.message}` : `ERROR: ${describeError(err)}`,
      );
      log(ctx, `Retrying (${left} attempt${left === 1 ? '' : 's'} left)`);
    }
  }
}

export type { Body };
