import { test } from 'node:test';
import assert from 'node:assert/strict';
import { error, hasErrors, warning } from './diagnostic.ts';
import { syntheticSpan } from '../model/span.ts';

test('hasErrors is true only when an error is present', () => {
  const span = syntheticSpan('Jenkinsfile');
  assert.equal(hasErrors([]), false);
  assert.equal(hasErrors([warning('w', 'careful', span)]), false);
  assert.equal(hasErrors([warning('w', 'careful', span), error('e', 'broken', span)]), true);
});
