/** `error 'message'`: fails the build with the message (a `hudson.AbortException`, catchable). */
import { StepFailure } from '../errors.ts';
import type { StepImpl } from './types.ts';

export const error: StepImpl = {
  needsNode: false,
  async run({ args }) {
    throw new StepFailure(args.str('message'));
  },
};
