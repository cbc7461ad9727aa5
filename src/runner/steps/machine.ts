/** `isUnix()` and `pwd()`: facts about the machine the step runs on. */
import type { StepImpl } from './types.ts';

export const isUnix: StepImpl = {
  needsNode: false,
  async run() {
    return true;
  },
};

export const pwd: StepImpl = {
  needsNode: true,
  async run({ ctx, args }) {
    const node = ctx.node;
    if (!node) return null;
    return args.bool('tmp', false) ? node.job.tmpDirInside : (ctx.cwd ?? node.job.workspaceInside);
  },
};
