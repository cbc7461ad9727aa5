/** `sleep(time: 5, unit: 'SECONDS')`; interrupted by timeouts and cancel. Default unit: SECONDS. */
import { log } from '../build/context.ts';
import { ScriptError } from '../errors.ts';
import { sleepFor } from '../interrupt.ts';
import { toMs } from '../timeouts.ts';
import type { StepImpl } from './types.ts';

export const sleep: StepImpl = {
  needsNode: false,
  async run({ ctx, args, span }) {
    const unit = args.optStr('unit') ?? 'SECONDS';
    const ms = toMs(args.num('time'), unit);
    if (ms === undefined)
      throw new ScriptError(
        `sleep: unknown unit '${unit}'`,
        span,
        'java.lang.IllegalArgumentException',
      );
    log(ctx, `Sleeping for ${args.num('time')} ${unit.toLowerCase()}`);
    await sleepFor(ms, ctx.signal);
    return null;
  },
};
