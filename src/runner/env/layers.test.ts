import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnvLayers, parseAssignments } from './layers.ts';

test('inner layers override outer ones without changing them', () => {
  const outer = EnvLayers.empty().with([
    ['A', '1'],
    ['B', '2'],
  ]);
  const inner = outer.with([['A', 'x']]);
  assert.equal(inner.get('A'), 'x');
  assert.equal(inner.get('B'), '2');
  assert.equal(outer.get('A'), '1');
  assert.deepEqual(
    [...inner.entries()],
    [
      ['A', 'x'],
      ['B', '2'],
    ],
  );
});

test('PATH+NAME prepends to the variable as seen below the layer', () => {
  const layers = EnvLayers.empty().with(
    parseAssignments(['PATH+TOOLS=/opt/tools/bin', 'X=a=b']),
    (name) => (name === 'PATH' ? '/usr/bin' : undefined),
  );
  assert.equal(layers.get('PATH'), '/opt/tools/bin:/usr/bin');
  assert.equal(layers.get('X'), 'a=b');
});
