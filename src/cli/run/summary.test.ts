import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSummary } from './summary.ts';

test('summary lists stages, skips with reasons, post blocks and the result', () => {
  const text = formatSummary({
    result: 'FAILURE',
    durationMs: 2300,
    stages: [
      { name: 'Build', path: 'Build', result: 'SUCCESS', durationMs: 1200 },
      { name: 'Test', path: 'Test', result: 'FAILURE', durationMs: 900 },
      {
        name: 'Deploy',
        path: 'Deploy',
        result: 'NOT_BUILT',
        durationMs: 0,
        skipped: { reason: 'earlier failure' },
      },
    ],
    post: [{ scope: 'pipeline', condition: 'always', result: 'SUCCESS' }],
  });
  const lines = text.split('\n');
  assert.match(lines[1] ?? '', /^Build\s+SUCCESS\s+1\.2s$/);
  assert.match(text, /Deploy\s+skipped \(earlier failure\)/);
  assert.match(text, /post always\s+SUCCESS/);
  assert.match(text, /Result: FAILURE in 2\.3s/);
});
