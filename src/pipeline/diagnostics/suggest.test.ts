import { test } from 'node:test';
import assert from 'node:assert/strict';
import { didYouMean, editDistance, suggest } from './suggest.ts';

test('edit distance counts swaps of neighbours as one edit', () => {
  assert.equal(editDistance('steps', 'steps'), 0);
  assert.equal(editDistance('stpes', 'steps'), 1);
  assert.equal(editDistance('step', 'steps'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
});

test('suggestions are case-insensitive and only for likely typos', () => {
  const sections = ['agent', 'environment', 'options', 'stages', 'steps', 'post'];
  assert.equal(suggest('enviroment', sections), 'environment');
  assert.equal(suggest('Steps', sections), 'steps');
  assert.equal(suggest('stgaes', sections), 'stages');
  assert.equal(suggest('banana', sections), undefined);
  assert.equal(suggest('ab', ['abc', 'xyz']), 'abc');
  assert.deepEqual(didYouMean('alwyas', ['always', 'success']), ['did you mean `always`?']);
  assert.equal(didYouMean('zzz', ['always']), undefined);
});
