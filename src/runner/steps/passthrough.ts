/**
 * Steps that only wrap their body or only log: `script`, `ansiColor`,
 * `timestamps` (every event already carries its time), `milestone` (no
 * concurrent builds under rig run), `skipDefaultCheckout`.
 */
import { log } from '../build/context.ts';
import type { StepImpl } from './types.ts';

export const runBody: StepImpl = {
  needsNode: false,
  async run({ ctx, body }) {
    return body ? body(ctx) : null;
  },
};

export const milestone: StepImpl = {
  needsNode: false,
  async run({ ctx, args }) {
    const label = args.optStr('label') ?? args.optStr('ordinal') ?? '';
    log(
      ctx,
      `milestone ${label}: recorded (no other build of this job to cancel)`.replace('  ', ' '),
    );
    return null;
  },
};

export const noop: StepImpl = {
  needsNode: false,
  async run() {
    return null;
  },
};
