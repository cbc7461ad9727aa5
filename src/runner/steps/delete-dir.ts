/**
 * `deleteDir()` and `cleanWs()`. Under `rig run` the workspace is the
 * developer's own checkout: deleting it would destroy their work, so the
 * workspace root is never deleted there (the log says so); directories
 * inside it are. Under the controller the workspace is Rig's to wipe.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '../build/context.ts';
import type { ExecContext } from '../build/types.ts';
import { hostCwd } from '../files/paths.ts';
import type { StepImpl } from './types.ts';

function protectsRoot(ctx: ExecContext, path: string): boolean {
  return (
    ctx.build.context.origin === 'local' &&
    ctx.node !== undefined &&
    path === ctx.node.job.workspace
  );
}

export const deleteDir: StepImpl = {
  needsNode: true,
  async run({ ctx }) {
    const path = hostCwd(ctx);
    if (protectsRoot(ctx, path)) {
      log(ctx, 'deleteDir: not deleting the workspace under rig run (it is your checkout)');
      return null;
    }
    await rm(path, { recursive: true, force: true });
    return null;
  },
};

export const cleanWs: StepImpl = {
  needsNode: true,
  async run({ ctx }) {
    const node = ctx.node;
    if (!node) return null;
    if (ctx.build.context.origin === 'local') {
      log(ctx, 'cleanWs: not wiping the workspace under rig run (it is your checkout)');
      return null;
    }
    for (const entry of await readdir(node.job.workspace)) {
      await rm(join(node.job.workspace, entry), { recursive: true, force: true });
    }
    log(ctx, 'cleanWs: workspace wiped');
    return null;
  },
};
