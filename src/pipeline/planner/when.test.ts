import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WhenCondition } from '../model/pipeline.ts';
import { SPAN, branch } from './test-support.ts';
import type { WhenFacts } from './when.ts';
import { UNKNOWN, causeMatches, evaluateStatic } from './when.ts';

function facts(env: Record<string, string>, extra: Partial<WhenFacts> = {}): WhenFacts {
  return { env: (n) => env[n], causes: [], ...extra };
}

test('branch is a case-insensitive Ant glob over BRANCH_NAME', () => {
  assert.equal(
    evaluateStatic(branch('release-*'), facts({ BRANCH_NAME: 'release-2' })).value,
    true,
  );
  assert.equal(evaluateStatic(branch('MAIN'), facts({ BRANCH_NAME: 'main' })).value, true);
  assert.equal(evaluateStatic(branch('main'), facts({ BRANCH_NAME: 'dev' })).value, false);
  assert.equal(evaluateStatic(branch('main'), facts({})).value, false);
  const why = evaluateStatic(branch('main'), facts({ BRANCH_NAME: 'dev' })).why;
  assert.match(why, /BRANCH_NAME is 'dev'/);
});

test('REGEXP must match the whole branch name', () => {
  const cond: WhenCondition = {
    kind: 'branch',
    pattern: 'rel.*',
    comparator: 'REGEXP',
    span: SPAN,
  };
  assert.equal(evaluateStatic(cond, facts({ BRANCH_NAME: 'release' })).value, true);
  assert.equal(evaluateStatic(cond, facts({ BRANCH_NAME: 'prerelease' })).value, false);
});

test('not/anyOf/allOf use three-valued logic with expressions unknown', () => {
  const expr: WhenCondition = { kind: 'expression', body: [], span: SPAN };
  const f = facts({ BRANCH_NAME: 'dev' });
  const not: WhenCondition = { kind: 'not', condition: branch('main'), span: SPAN };
  assert.equal(evaluateStatic(not, f).value, true);
  const anyTrue: WhenCondition = { kind: 'anyOf', conditions: [expr, branch('dev')], span: SPAN };
  assert.equal(evaluateStatic(anyTrue, f).value, true);
  const anyUnknown: WhenCondition = {
    kind: 'anyOf',
    conditions: [expr, branch('main')],
    span: SPAN,
  };
  assert.equal(evaluateStatic(anyUnknown, f).value, UNKNOWN);
  const allFalse: WhenCondition = { kind: 'allOf', conditions: [expr, branch('main')], span: SPAN };
  assert.equal(evaluateStatic(allFalse, f).value, false);
});

test('tag, buildingTag and changeRequest read the build facts', () => {
  const tag: WhenCondition = { kind: 'tag', pattern: 'v*', comparator: 'GLOB', span: SPAN };
  const building: WhenCondition = { kind: 'buildingTag', span: SPAN };
  assert.equal(evaluateStatic(tag, facts({ TAG_NAME: 'v1.2' })).value, true);
  assert.equal(evaluateStatic(tag, facts({})).value, false);
  assert.equal(evaluateStatic(building, facts({ TAG_NAME: 'x' })).value, true);
  const cr: WhenCondition = {
    kind: 'changeRequest',
    filters: [{ name: 'target', value: 'main' }],
    comparator: 'EQUALS',
    span: SPAN,
  };
  assert.equal(evaluateStatic(cr, facts({})).value, false);
  assert.equal(evaluateStatic(cr, facts({ CHANGE_ID: '7', CHANGE_TARGET: 'main' })).value, true);
  assert.equal(evaluateStatic(cr, facts({ CHANGE_ID: '7', CHANGE_TARGET: 'dev' })).value, false);
});

test('triggeredBy matches cause names like Jenkins', () => {
  assert.equal(causeMatches('SCMTrigger', undefined, { cause: 'SCMTriggerCause' }), true);
  assert.equal(causeMatches('TimerTrigger', undefined, { cause: 'TimerTriggerCause' }), true);
  assert.equal(causeMatches('Trigger', undefined, { cause: 'TimerTriggerCause' }), false);
  assert.equal(causeMatches('UserIdCause', 'bob', { cause: 'UserIdCause', detail: 'bob' }), true);
  assert.equal(causeMatches('UserIdCause', 'bob', { cause: 'UserIdCause', detail: 'amy' }), false);
});

test('changeset matches changed files with a glob', () => {
  const cond: WhenCondition = {
    kind: 'changeset',
    pattern: 'docs/**',
    comparator: 'GLOB',
    caseSensitive: false,
    span: SPAN,
  };
  assert.equal(evaluateStatic(cond, facts({}, { changedFiles: ['src/a.ts'] })).value, false);
  assert.equal(evaluateStatic(cond, facts({}, { changedFiles: ['Docs/x.md'] })).value, true);
});
