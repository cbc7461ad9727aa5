/**
 * `junit 'reports/**\/*.xml'`: records test results. Failed tests make the
 * stage and the build UNSTABLE (unless `skipMarkingBuildUnstable`); the step
 * returns Jenkins' summary (`totalCount`, `failCount`, `skipCount`, `passCount`)
 * and hands every case to the build's test-result sink (the controller's
 * test report under an agent).
 */
import { readFile, stat } from 'node:fs/promises';
import { splitAntPatterns } from '../../pipeline/planner/ant-glob.ts';
import type { TestCase } from '../../reports/tests/junit.ts';
import { log, markResult } from '../build/context.ts';
import type { ExecContext } from '../build/types.ts';
import { StepFailure } from '../errors.ts';
import { findFiles } from '../files/glob.ts';
import { hostCwd } from '../files/paths.ts';
import type { Value } from '../groovy/values.ts';
import type { StepImpl } from './types.ts';

/** Reports above this size are refused before they are parsed. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

interface Found {
  relative: string;
  absolute: string;
}

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
    const cases: TestCase[] = [];
    for (const f of files) cases.push(...(await readReport(f)));
    const failed = cases.filter((c) => c.status === 'failed' || c.status === 'error');
    const skipped = cases.filter((c) => c.status === 'skipped').length;
    log(
      ctx,
      `Recorded test results from ${files.length} file(s): ${cases.length} tests, ${failed.length} failed, ${skipped} skipped`,
    );
    for (const c of failed.slice(0, 20)) log(ctx, `  failed: ${c.id}`);
    await ship(ctx, cases);
    if (failed.length > 0 && !args.bool('skipMarkingBuildUnstable', false)) {
      markResult(ctx, 'UNSTABLE');
      ctx.build.setResult('UNSTABLE');
    }
    return new Map<Value, Value>([
      ['totalCount', cases.length],
      ['failCount', failed.length],
      ['skipCount', skipped],
      ['passCount', cases.length - failed.length - skipped],
    ]);
  },
};

async function readReport(f: Found): Promise<TestCase[]> {
  if ((await stat(f.absolute)).size > MAX_REPORT_BYTES)
    throw new StepFailure(`junit: ${f.relative} is larger than ${MAX_REPORT_BYTES} bytes`);
  // The parser loads only when a build has reports.
  const { parseJUnit } = await import('../../reports/tests/junit.ts');
  const parsed = parseJUnit(await readFile(f.absolute, 'utf8'), { maxBytes: MAX_REPORT_BYTES });
  if ('error' in parsed) throw new StepFailure(`junit: cannot read ${f.relative}: ${parsed.error}`);
  return parsed.suites.flatMap((s) => s.cases.map((c) => ({ ...c, file: f.relative })));
}

/** A report the controller could not take is a note in the log, not a failed step. */
async function ship(ctx: ExecContext, cases: TestCase[]): Promise<void> {
  const sink = ctx.build.testResults;
  if (!sink || cases.length === 0) return;
  try {
    await sink.record(cases);
  } catch (err) {
    log(ctx, `junit: the test results could not be stored: ${(err as Error).message}`);
  }
}
