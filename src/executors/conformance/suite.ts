/**
 * The one conformance suite every executor passes (host, sandbox, container),
 * run from each executor's own test file. A case an executor cannot meet is
 * skipped with its reason; the case list is the contract in executable form.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { JobSpec, TeardownReport } from '../contract.ts';
import { lifecycleCases } from './cases-lifecycle.ts';
import { limitCases } from './cases-limits.ts';
import { processCases } from './cases-process.ts';
import { stopCases } from './cases-stop.ts';
import { uniqueId } from './harness.ts';
import type { CaseContext, SuiteOptions } from './types.ts';

export type { SuiteOptions };
export { FORK_BOMB_CASE, MEMORY_HOG_CASE } from './cases-limits.ts';

const CASE_TIMEOUT_MS = 120_000;

export function runConformanceSuite(options: SuiteOptions): void {
  const ctx = context(options);
  const cases = [...processCases, ...stopCases, ...lifecycleCases, ...limitCases];
  describe(`executor conformance: ${options.name}`, () => {
    for (const c of cases) {
      const skip = options.skip?.[c.name];
      it(c.name, { skip: skip ?? false, timeout: CASE_TIMEOUT_MS }, async () => {
        await c.run(ctx);
      });
    }
  });
}

function context(options: SuiteOptions): CaseContext {
  const newSpec = async (overrides: Partial<JobSpec> = {}): Promise<JobSpec> => ({
    jobId: uniqueId(`conf-${slug(options.name)}`),
    workspace: await mkdtemp(join(tmpdir(), 'rig-conf-ws-')),
    log: () => undefined,
    ...options.spec,
    ...overrides,
  });
  return {
    options,
    newSpec,
    async withJob(body, overrides) {
      const spec = await newSpec(overrides);
      const job = await options.create().prepare(spec);
      const failure = await body(job, spec).then(
        () => undefined,
        (error: unknown) => ({ error }),
      );
      const report = await job.teardown();
      await rm(spec.workspace, { recursive: true, force: true });
      if (failure) throw failure.error;
      assertClean(report);
      return report;
    },
  };
}

function assertClean(report: TeardownReport): void {
  if (report.failed.length > 0 || report.leftovers.length > 0) {
    throw new Error(`teardown left the host dirty: ${JSON.stringify(report)}`);
  }
}

/** A job-id-safe short form of the suite name. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 24);
}
