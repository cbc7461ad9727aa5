/** `timeout(time: 5, unit: 'MINUTES', activity: false) { … }`. Default unit: MINUTES. */
import { ScriptError } from '../errors.ts';
import { toMs, withTimeout } from '../timeouts.ts';
import type { StepImpl } from './types.ts';

export const timeout: StepImpl = {
  needsNode: false,
  async run({ ctx, args, body, span }) {
    if (!body) return null;
    const unit = args.optStr('unit') ?? 'MINUTES';
    const ms = toMs(args.num('time'), unit);
    if (ms === undefined)
      throw new ScriptError(
        `timeout: unknown unit '${unit}'`,
        span,
        'java.lang.IllegalArgumentException',
      );
    return withTimeout(ctx, { ms, activity: args.bool('activity', false) }, body);
  },
};
