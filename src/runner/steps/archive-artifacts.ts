/**
 * `archiveArtifacts artifacts: 'build/*.jar', excludes: …`: hands matching
 * files of the current directory to the ArtifactSink. Nothing outside the
 * workspace is archived, even through a symlink. Without a sink (a bare
 * `rig run`), the files are listed.
 */
import { stat } from 'node:fs/promises';
import { splitAntPatterns } from '../../pipeline/planner/ant-glob.ts';
import { log } from '../build/context.ts';
import { StepFailure } from '../errors.ts';
import { findFiles } from '../files/glob.ts';
import { hostCwd } from '../files/paths.ts';
import { isWorse } from '../results.ts';
import type { StepImpl } from './types.ts';

export const archiveArtifacts: StepImpl = {
  needsNode: true,
  async run({ ctx, args }) {
    const node = ctx.node;
    if (!node) return null;
    const result = ctx.resultView?.value ?? ctx.build.result;
    if (args.bool('onlyIfSuccessful', false) && result && isWorse(result, 'SUCCESS')) {
      log(ctx, 'archiveArtifacts: skipped, the build is not successful (onlyIfSuccessful)');
      return null;
    }
    const pattern = args.str('artifacts');
    const files = await findFiles(hostCwd(ctx), {
      includes: splitAntPatterns(pattern),
      excludes: splitAntPatterns(args.optStr('excludes') ?? ''),
      defaultExcludes: args.bool('defaultExcludes', true),
      caseSensitive: args.bool('caseSensitive', true),
      root: node.job.workspace,
    });
    if (files.length === 0) {
      if (args.bool('allowEmptyArchive', false)) {
        log(ctx, `archiveArtifacts: no files match '${pattern}'`);
        return null;
      }
      throw new StepFailure(
        `No artifacts found that match the file pattern "${pattern}". Configuration error?`,
      );
    }
    const sink = ctx.build.artifacts;
    for (const f of files) {
      if (sink) await sink.put(f.relative, f.absolute, (await stat(f.absolute)).size);
    }
    log(
      ctx,
      `Archiving ${files.length} artifact(s)${sink ? '' : ' (no artifact store configured; listing only)'}: ${files.map((f) => f.relative).join(', ')}`,
    );
    return null;
  },
};
