import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StageTree } from './stage-tree.ts';

test('stage tree indents nested stages and marks results and skips', () => {
  const tree = new StageTree();
  tree.apply({ type: 'stage.start', at: 0, path: 'Test', name: 'Test' });
  tree.apply({ type: 'stage.start', at: 100, path: 'Test/unit', name: 'unit' });
  tree.apply({ type: 'stage.end', at: 600, path: 'Test/unit', result: 'SUCCESS', durationMs: 500 });
  tree.apply({
    type: 'stage.end',
    at: 700,
    path: 'Deploy',
    result: 'NOT_BUILT',
    durationMs: 0,
    skipped: { reason: 'when: branch main' },
  });
  assert.deepEqual(tree.lines(1000, '*'), [
    '* Test 1.0s',
    '  ✔ unit 500ms',
    '- Deploy (skipped: when: branch main)',
  ]);
});
