import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJUnit, type TestSuite } from './junit.ts';
import { summarizeTests } from './results.ts';

function parse(xml: string): TestSuite[] {
  const result = parseJUnit(xml);
  if ('error' in result) assert.fail(result.error);
  return result.suites;
}

test('counts and orders: failures and errors first, then skipped, then passed', () => {
  const report = parse(`<testsuite name="s" time="2">
    <testcase classname="c" name="ok1"/>
    <testcase classname="c" name="skip"><skipped/></testcase>
    <testcase classname="c" name="bad"><failure message="no"/></testcase>
    <testcase classname="c" name="ok2"/>
    <testcase classname="c" name="err"><error/></testcase>
    <testcase classname="c" name="rerun"><flakyFailure/></testcase>
  </testsuite>`);
  const r = summarizeTests(report);
  assert.deepEqual(
    {
      total: r.total,
      passed: r.passed,
      failed: r.failed,
      errors: r.errors,
      skipped: r.skipped,
      flaky: r.flaky,
    },
    { total: 6, passed: 3, failed: 1, errors: 1, skipped: 1, flaky: 1 },
  );
  assert.equal(r.durationMs, 2000);
  assert.deepEqual(
    r.failures.map((c) => c.name),
    ['bad', 'err'],
  );
  assert.deepEqual(
    r.cases.map((c) => c.name),
    ['bad', 'err', 'skip', 'ok1', 'ok2', 'rerun'],
  );
});

test('several reports merge; a test reported twice keeps its worst result', () => {
  const a = parse('<testsuite name="a" time="1"><testcase classname="c" name="t"/></testsuite>');
  const b = parse(
    '<testsuite name="b"><testcase classname="c" name="t" time="0.5"><failure/></testcase><testcase classname="c" name="u" time="0.25"/></testsuite>',
  );
  const r = summarizeTests([...a, ...b]);
  assert.equal(r.total, 2);
  assert.equal(r.failed, 1);
  assert.equal(r.failures[0]?.suite, 'b');
  assert.equal(r.durationMs, 1000 + 750, 'a suite without a time sums its cases');
});

test('no reports: all zero', () => {
  const r = summarizeTests([]);
  assert.equal(r.total, 0);
  assert.deepEqual(r.cases, []);
});
