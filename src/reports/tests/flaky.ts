/**
 * Flaky tests: those whose result flips between pass and fail while the code
 * does not change.
 *
 * Input: recent builds of one branch (any order; the newest `window`, default
 * 10, by build number are used), each with its test cases and, when known,
 * its commit. `error` counts as a failure; `skipped` and absent tests are
 * ignored. A test is flagged when either:
 * - `same-commit`: it both passed and failed in builds of the same commit,
 *   the one case that certainly is not a code change; or
 * - `flip-flop`: its results changed direction at least twice within the
 *   window (pass→fail→pass or fail→pass→fail). One change is a regression or
 *   a fix, not flakiness.
 * A test marked `flaky` by its runner (passed on a rerun) in the newest build
 * is flagged too (`rerun`).
 */
import type { TestStatus } from './junit.ts';

export interface BuildTests {
  buildNumber: number;
  commit?: string;
  cases: ReadonlyArray<{ id: string; status: TestStatus; flaky?: boolean }>;
}

export interface FlakyTest {
  id: string;
  reason: 'same-commit' | 'flip-flop' | 'rerun';
  /** Changes of result between consecutive builds that ran the test. */
  flips: number;
  /** Build numbers whose result differed from the build before. */
  flippedIn: number[];
  lastStatus: 'passed' | 'failed';
}

export function detectFlaky(history: readonly BuildTests[], window = 10): FlakyTest[] {
  const builds = [...history].sort((a, b) => a.buildNumber - b.buildNumber).slice(-window);
  const runs = new Map<string, Array<{ build: BuildTests; passed: boolean }>>();
  for (const build of builds) {
    for (const c of build.cases) {
      if (c.status === 'skipped') continue;
      const list = runs.get(c.id) ?? [];
      const passed = c.status === 'passed';
      const last = list[list.length - 1];
      // A test listed twice in one build counts once, failed if any run failed.
      if (last?.build === build) last.passed &&= passed;
      else list.push({ build, passed });
      runs.set(c.id, list);
    }
  }
  const newest = builds[builds.length - 1];
  const flagged: FlakyTest[] = [];
  for (const [id, list] of runs) {
    const flippedIn = list
      .slice(1)
      .filter((r, i) => r.passed !== list[i]!.passed)
      .map((r) => r.build.buildNumber);
    const reason = sameCommitDisagrees(list)
      ? 'same-commit'
      : flippedIn.length >= 2
        ? 'flip-flop'
        : newest?.cases.some((c) => c.id === id && c.flaky)
          ? 'rerun'
          : undefined;
    if (reason) {
      const lastStatus = list[list.length - 1]!.passed ? 'passed' : 'failed';
      flagged.push({ id, reason, flips: flippedIn.length, flippedIn, lastStatus });
    }
  }
  return flagged.sort((a, b) => a.id.localeCompare(b.id));
}

function sameCommitDisagrees(list: ReadonlyArray<{ build: BuildTests; passed: boolean }>): boolean {
  const byCommit = new Map<string, Set<boolean>>();
  for (const { build, passed } of list) {
    if (build.commit === undefined) continue;
    const seen = byCommit.get(build.commit) ?? new Set<boolean>();
    seen.add(passed);
    byCommit.set(build.commit, seen);
  }
  return [...byCommit.values()].some((s) => s.size === 2);
}
