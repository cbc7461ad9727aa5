import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestStatus } from './junit.ts';
import { detectFlaky, type BuildTests } from './flaky.ts';

/** Builds 1..n where `id` has the given statuses ('.' = not run). */
function history(statuses: Record<string, string>, commits?: string): BuildTests[] {
  const length = Math.max(...Object.values(statuses).map((s) => s.length));
  const code: Record<string, TestStatus> = { P: 'passed', F: 'failed', E: 'error', S: 'skipped' };
  return Array.from({ length }, (_, i) => {
    const build: BuildTests = {
      buildNumber: i + 1,
      cases: Object.entries(statuses)
        .filter(([, s]) => s[i] !== undefined && s[i] !== '.')
        .map(([id, s]) => ({ id, status: code[s[i]!]! })),
    };
    if (commits?.[i] !== undefined) build.commit = commits[i];
    return build;
  });
}

test('pass-fail-pass is flaky; a single regression or fix is not', () => {
  const flagged = detectFlaky(
    history({
      flaky: 'PPFPP',
      regressed: 'PPPFF',
      fixed: 'FFPPP',
      stable: 'PPPPP',
      broken: 'FFFFF',
    }),
  );
  assert.deepEqual(flagged, [
    { id: 'flaky', reason: 'flip-flop', flips: 2, flippedIn: [3, 4], lastStatus: 'passed' },
  ]);
});

test('passing and failing on the same commit is flaky even with one flip', () => {
  assert.deepEqual(detectFlaky(history({ t: 'PPPF' }, 'abcd')), [], 'a new commit broke it');
  assert.deepEqual(detectFlaky(history({ t: 'PPPF' }, 'abcc')), [
    { id: 't', reason: 'same-commit', flips: 1, flippedIn: [4], lastStatus: 'failed' },
  ]);
});

test('errors count as failures; skipped and missing runs are ignored', () => {
  assert.equal(detectFlaky(history({ t: 'PEP' }))[0]?.reason, 'flip-flop');
  assert.deepEqual(detectFlaky(history({ t: 'PSPS.P' })), []);
  assert.equal(detectFlaky(history({ t: 'P.F.P' }))[0]?.flips, 2);
});

test('only the newest builds in the window count, whatever the input order', () => {
  const builds = history({ t: 'PFPPPPPPPPPP' }).reverse();
  assert.deepEqual(detectFlaky(builds, 10), []);
  assert.equal(detectFlaky(builds, 12).length, 1);
});

test('a test that passed only on a rerun in the newest build is flagged', () => {
  const builds = history({ t: 'PP' });
  builds[1] = { buildNumber: 2, cases: [{ id: 't', status: 'passed', flaky: true }] };
  assert.deepEqual(detectFlaky(builds), [
    { id: 't', reason: 'rerun', flips: 0, flippedIn: [], lastStatus: 'passed' },
  ]);
});

test('a test listed twice in one build counts as failed if either run failed', () => {
  const builds: BuildTests[] = [
    { buildNumber: 1, cases: [{ id: 't', status: 'passed' }] },
    {
      buildNumber: 2,
      cases: [
        { id: 't', status: 'passed' },
        { id: 't', status: 'failed' },
      ],
    },
    { buildNumber: 3, cases: [{ id: 't', status: 'passed' }] },
  ];
  assert.equal(detectFlaky(builds)[0]?.flips, 2);
});
