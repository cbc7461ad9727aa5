import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPlainRenderer } from './plain-renderer.ts';

test('plain renderer prefixes every line with its stage or post block', () => {
  let out = '';
  const render = createPlainRenderer((t) => (out += t));
  render({ type: 'log', at: 0, stage: 'Build', stepId: 's1', stream: 'stdout', text: 'a\nb' });
  render({ type: 'post.start', at: 1, scope: 'pipeline', condition: 'always' });
  render({ type: 'log', at: 2, stage: null, stepId: 's2', stream: 'stdout', text: 'bye' });
  render({ type: 'post.end', at: 3, scope: 'pipeline', condition: 'always', result: 'SUCCESS' });
  render({ type: 'log', at: 4, stage: null, stepId: null, stream: 'system', text: 'done' });
  assert.equal(out, '[Build] a\n[Build] b\n[post always] bye\n[pipeline] done\n');
});

test('a skipped stage is named once: by the runner when it logged why, else by the renderer', () => {
  let out = '';
  const render = createPlainRenderer((t) => (out += t));
  const why = { reason: 'skipped due to earlier failure(s)' };
  render({ type: 'log', at: 0, stage: 'Deploy', stepId: null, stream: 'system', text: 'skip!' });
  render({
    type: 'stage.end',
    at: 1,
    path: 'Deploy/Inner',
    result: 'NOT_BUILT',
    durationMs: 0,
    skipped: why,
  });
  render({
    type: 'stage.end',
    at: 2,
    path: 'Deploy',
    result: 'NOT_BUILT',
    durationMs: 0,
    skipped: why,
  });
  assert.equal(
    out,
    '[Deploy] skip!\n[Deploy/Inner] stage skipped: skipped due to earlier failure(s)\n',
  );
});
