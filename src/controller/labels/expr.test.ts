import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentLabels, labelAtoms, matchesLabels } from './expr.ts';
import { parseLabelExpression } from './parser.ts';

function matches(text: string, labels: string[]): boolean {
  const result = parseLabelExpression(text);
  if ('error' in result) assert.fail(result.error.message);
  return matchesLabels(result.expr, labels);
}

test('atoms match exactly and case-sensitively', () => {
  assert.equal(matches('linux', ['linux', 'x86']), true);
  assert.equal(matches('Linux', ['linux']), false);
  assert.equal(matches('lin', ['linux']), false);
});

test('the issue example: linux && !arm || vagrant', () => {
  const expr = 'linux && !arm || vagrant';
  assert.equal(matches(expr, ['linux', 'x86']), true);
  assert.equal(matches(expr, ['linux', 'arm']), false);
  assert.equal(matches(expr, ['linux', 'arm', 'vagrant']), true);
  assert.equal(matches(expr, ['windows']), false);
});

test('-> and <-> follow boolean logic', () => {
  assert.equal(matches('kvm -> linux', []), true);
  assert.equal(matches('kvm -> linux', ['kvm']), false);
  assert.equal(matches('kvm -> linux', ['kvm', 'linux']), true);
  assert.equal(matches('a <-> b', []), true);
  assert.equal(matches('a <-> b', ['a']), false);
  assert.equal(matches('a <-> b', ['a', 'b']), true);
});

test('any matches every agent, even one without labels', () => {
  assert.equal(matches('', []), true);
});

test("an agent's name counts as a label", () => {
  assert.deepEqual(agentLabels('box-1', ['linux']), ['linux', 'box-1']);
  assert.deepEqual(agentLabels('linux', ['linux']), ['linux']);
  assert.equal(matches('box-1', agentLabels('box-1', ['linux'])), true);
});

test('labelAtoms lists every mentioned label once', () => {
  const result = parseLabelExpression('a && (b || !a) -> "c d"');
  assert.ok('expr' in result);
  assert.deepEqual(labelAtoms(result.expr), ['a', 'b', 'c d']);
});
