/** `echo 'message'`: the message in the log, as the step's output. */
import { log } from '../build/context.ts';
import { toStr } from '../groovy/format.ts';
import type { StepImpl } from './types.ts';

export const echo: StepImpl = {
  needsNode: false,
  async run({ ctx, args }) {
    log(ctx, toStr(args.raw('message')), 'stdout');
    return null;
  },
};
