import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STEPS } from '../../pipeline/steps/catalog.ts';
import { implementedSteps } from './registry.ts';

test('every step the catalog marks supported has an implementation, and no other', () => {
  const supported = STEPS.filter((s) => s.supported)
    .map((s) => s.name)
    .sort();
  assert.deepEqual(implementedSteps().sort(), supported);
});
