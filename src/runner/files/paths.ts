/**
 * Paths as processes see them (`Job.*Inside`) and as the runner sees them on
 * the host. File steps run in the runner, on host paths; `sh` gets inside
 * paths. For the host executor the two are the same.
 */
import { join, posix, relative, resolve, sep } from 'node:path';
import type { Job } from '../../executors/contract.ts';
import type { ExecContext } from '../build/types.ts';
import { StepFailure } from '../errors.ts';

export function hostPath(job: Job, inside: string): string {
  for (const [inRoot, hostRoot] of [
    [job.workspaceInside, job.workspace],
    [job.tmpDirInside, job.tmpDir],
  ] as const) {
    const rel = posix.relative(inRoot, inside);
    if (rel === '' || (!rel.startsWith('..') && !posix.isAbsolute(rel))) return join(hostRoot, rel);
  }
  return inside;
}

/** The current directory on the host. */
export function hostCwd(ctx: ExecContext): string {
  const node = ctx.node;
  if (!node) throw new StepFailure('this step needs a machine');
  return hostPath(node.job, ctx.cwd ?? node.job.workspaceInside);
}

/** A path given to a file step, relative to the current directory, on the host. */
export function resolveFile(ctx: ExecContext, file: string): string {
  return resolve(hostCwd(ctx), file);
}

/** Whether `path` is `root` or inside it. */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith('/'));
}
