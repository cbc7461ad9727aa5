/** `unstable 'message'`: marks the stage and the build UNSTABLE and goes on. */
import { log, markResult } from '../build/context.ts';
import type { StepImpl } from './types.ts';

export const unstable: StepImpl = {
  needsNode: false,
  async run({ ctx, args }) {
    const message = args.str('message');
    markResult(ctx, 'UNSTABLE');
    ctx.build.setResult('UNSTABLE');
    log(ctx, `WARNING: ${message}`);
    return null;
  },
};
