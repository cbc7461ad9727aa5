import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OverlapTracker } from './overlap.ts';

test('a job that ran alone did not overlap; jobs that shared time did', () => {
  const t = new OverlapTracker();
  t.begin('a');
  assert.equal(t.end('a'), false);
  t.begin('b');
  t.begin('c');
  assert.equal(t.overlapped('b'), true);
  assert.equal(t.end('b'), true);
  assert.equal(t.overlapped('c'), true);
  t.begin('d');
  assert.equal(t.overlapped('d'), true, 'c still runs');
  assert.equal(t.end('c'), true);
  assert.equal(t.end('d'), true);
  t.begin('e');
  assert.equal(t.end('e'), false);
});
