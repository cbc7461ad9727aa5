/**
 * A build's test results with failures first and flaky tests flagged: a
 * test is flaky when its outcome flipped between passed and failed across
 * the recent builds of the same project and branch.
 */
import type { BuildRecord, TestResultRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';

const RECENT = 10;
const ORDER = { failed: 0, error: 1, skipped: 2, passed: 3 } as const;

export async function testReport(
  store: Store,
  build: BuildRecord,
): Promise<{ total: number; failed: number; tests: Array<TestResultRecord & { flaky: boolean }> }> {
  const tests = await store.listTestResults(build.id);
  const recent = (
    await store.listBuilds({ projectId: build.projectId, status: ['finished'], limit: RECENT * 3 })
  )
    .filter((b) => b.branch === build.branch && b.id !== build.id)
    .slice(0, RECENT);
  const history = new Map<string, Set<string>>();
  for (const b of [build, ...recent]) {
    for (const t of await store.listTestResults(b.id)) {
      if (t.status === 'skipped') continue;
      const key = `${t.suite}\0${t.className}\0${t.name}`;
      const seen = history.get(key) ?? new Set();
      seen.add(t.status === 'passed' ? 'pass' : 'fail');
      history.set(key, seen);
    }
  }
  const out = tests
    .map((t) => ({
      ...t,
      flaky: (history.get(`${t.suite}\0${t.className}\0${t.name}`)?.size ?? 0) > 1,
    }))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.name.localeCompare(b.name));
  return {
    total: out.length,
    failed: out.filter((t) => t.status === 'failed' || t.status === 'error').length,
    tests: out,
  };
}
