/** `dir('path') { … }`: runs the body in another directory (created if missing), relative to the current one. */
import { mkdir } from 'node:fs/promises';
import { posix } from 'node:path';
import { derive } from '../build/context.ts';
import { hostPath } from '../files/paths.ts';
import type { StepImpl } from './types.ts';

export const dir: StepImpl = {
  needsNode: true,
  async run({ ctx, args, body }) {
    const node = ctx.node;
    if (!node || !body) return null;
    const inside = posix.resolve(ctx.cwd ?? node.job.workspaceInside, args.str('path'));
    await mkdir(hostPath(node.job, inside), { recursive: true });
    return body(derive(ctx, { cwd: inside }));
  },
};
