/**
 * `stash name: 'x', includes: '**', excludes: ''` and `unstash 'x'`: files
 * of the current directory kept in the build's StashStore as a tar, so a
 * later stage (possibly on another machine) can restore them.
 */
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { splitAntPatterns } from '../../pipeline/planner/ant-glob.ts';
import { log } from '../build/context.ts';
import { StepFailure } from '../errors.ts';
import { findFiles } from '../files/glob.ts';
import { hostCwd } from '../files/paths.ts';
import { createTar, readTar } from '../files/tar.ts';
import type { StepImpl } from './types.ts';

export const stash: StepImpl = {
  needsNode: true,
  async run({ ctx, args }) {
    const node = ctx.node;
    if (!node) return null;
    const name = args.str('name');
    const base = hostCwd(ctx);
    const files = await findFiles(base, {
      includes: splitAntPatterns(args.optStr('includes') || '**'),
      excludes: splitAntPatterns(args.optStr('excludes') ?? ''),
      defaultExcludes: args.bool('useDefaultExcludes', true),
      caseSensitive: true,
      root: node.job.workspace,
    });
    if (files.length === 0 && !args.bool('allowEmpty', false))
      throw new StepFailure(`No files included in stash '${name}'`);
    const entries = [];
    for (const f of files)
      entries.push({
        path: f.relative,
        mode: (await stat(f.absolute)).mode & 0o7777,
        data: await readFile(f.absolute),
      });
    await ctx.build.stashes.put(name, createTar(entries));
    log(ctx, `Stashed ${files.length} file(s) as '${name}'`);
    return null;
  },
};

export const unstash: StepImpl = {
  needsNode: true,
  async run({ ctx, args }) {
    const name = args.str('name');
    const tarball = await ctx.build.stashes.get(name);
    if (!tarball) throw new StepFailure(`No such saved stash '${name}'`);
    const base = hostCwd(ctx);
    const entries = readTar(tarball);
    for (const entry of entries) {
      const target = join(base, entry.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, entry.data);
      await chmod(target, entry.mode);
    }
    log(ctx, `Unstashed ${entries.length} file(s) from '${name}'`);
    return null;
  },
};
