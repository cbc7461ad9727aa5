/**
 * A build's test results from one or more JUnit reports: counts, duration,
 * and the cases ordered for people: failures and errors first, then skipped,
 * then passed (each group in report order). The same test id reported twice
 * (several report files, or a test rerun by the pipeline) counts once, with
 * its worst status.
 */
import type { TestCase, TestStatus, TestSuite } from './junit.ts';

export interface TestResults {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  /** Passed only on a rerun. */
  flaky: number;
  durationMs: number;
  /** Failures and errors, in report order. */
  failures: TestCase[];
  /** Every case: failures and errors first, then skipped, then passed. */
  cases: TestCase[];
}

const rank: Record<TestStatus, number> = { error: 0, failed: 0, skipped: 1, passed: 2 };
const severity: Record<TestStatus, number> = { error: 3, failed: 2, skipped: 0, passed: 1 };

export function summarizeTests(suites: readonly TestSuite[]): TestResults {
  const byId = new Map<string, TestCase>();
  for (const c of suites.flatMap((s) => s.cases)) {
    const seen = byId.get(c.id);
    if (!seen || severity[c.status] > severity[seen.status]) byId.set(c.id, c);
  }
  const cases = [...byId.values()];
  const count = (status: TestStatus): number => cases.filter((c) => c.status === status).length;
  const ordered = cases
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank[a.c.status] - rank[b.c.status] || a.i - b.i);
  return {
    total: cases.length,
    passed: count('passed'),
    failed: count('failed'),
    errors: count('error'),
    skipped: count('skipped'),
    flaky: cases.filter((c) => c.flaky).length,
    durationMs: suites.reduce(
      (sum, s) => sum + (s.durationMs || s.cases.reduce((t, c) => t + c.durationMs, 0)),
      0,
    ),
    failures: cases.filter((c) => c.status === 'failed' || c.status === 'error'),
    cases: ordered.map((o) => o.c),
  };
}
