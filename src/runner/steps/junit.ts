/**
 * `junit 'reports/**\/*.xml'`: records test results. Failed tests make the
 * stage and the build UNSTABLE (unless `skipMarkingBuildUnstable`); the step
 * returns Jenkins' summary (`totalCount`, `failCount`, `skipCount`, `passCount`).
 */
import { readFile, stat } from 'node:fs/promises';
import { splitAntPatterns } from '../../pipeline/planner/ant-glob.ts';
import { log, markResult } from '../build/context.ts';
import { StepFailure } from '../errors.ts';
import { findFiles } from '../files/glob.ts';
import { hostCwd } from '../files/paths.ts';
import type { Value } from '../groovy/values.ts';
import type { TestCounts } from './junit-parse.ts';

/** Reports above this size are refused. The XML parser itself loads only when a build has reports. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;
import type { StepImpl } from './types.ts';

export const junit: StepImpl = {
  needsNode: true,
  async run({ ctx, args }) {
    const node = ctx.node;
    if (!node) return null;
    const pattern = args.str('testResults');
    const files = await findFiles(hostCwd(ctx), {
      includes: splitAntPatterns(pattern),
      excludes: [],
      defaultExcludes: true,
      caseSensitive: true,
      root: node.job.workspace,
    });
    if (files.length === 0 && !args.bool('allowEmptyResults', false)) {
      throw new StepFailure(
        `No test report files were found matching '${pattern}'. Configuration error?`,
      );
    }
    const total: TestCounts = { total: 0, failed: 0, skipped: 0, failures: [] };
    for (const f of files) {
      if ((await stat(f.absolute)).size > MAX_REPORT_BYTES)
        throw new StepFailure(`junit: ${f.relative} is larger than ${MAX_REPORT_BYTES} bytes`);
      let counts: TestCounts;
      try {
        const { countTests } = await import('./junit-parse.ts');
        counts = countTests(await readFile(f.absolute, 'utf8'));
      } catch (err) {
        throw new StepFailure(`junit: cannot read ${f.relative}: ${(err as Error).message}`);
      }
      total.total += counts.total;
      total.failed += counts.failed;
      total.skipped += counts.skipped;
      total.failures.push(...counts.failures);
    }
    log(
      ctx,
      `Recorded test results from ${files.length} file(s): ${total.total} tests, ${total.failed} failed, ${total.skipped} skipped`,
    );
    for (const name of total.failures.slice(0, 20)) log(ctx, `  failed: ${name}`);
    if (total.failed > 0 && !args.bool('skipMarkingBuildUnstable', false)) {
      markResult(ctx, 'UNSTABLE');
      ctx.build.setResult('UNSTABLE');
    }
    return new Map<Value, Value>([
      ['totalCount', total.total],
      ['failCount', total.failed],
      ['skipCount', total.skipped],
      ['passCount', total.total - total.failed - total.skipped],
    ]);
  },
};
