import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalState } from './local-state.ts';

test('build numbers increase per job and the previous result is per branch', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rig-state-'));
  try {
    const state = LocalState.in(dir);
    const first = await state.startBuild('Jenkinsfile', 'main');
    assert.deepEqual(first, { number: 1 });
    await state.finishBuild('Jenkinsfile', 'main', 1, 'FAILURE');
    const second = await state.startBuild('Jenkinsfile', 'main');
    assert.deepEqual(second, { number: 2, previous: 'FAILURE' });
    const other = await state.startBuild('Jenkinsfile', 'feature');
    assert.deepEqual(other, { number: 3 });
    await state.finishBuild('Jenkinsfile', 'main', 2, 'SUCCESS');
    await state.finishBuild('Jenkinsfile', 'main', 1, 'ABORTED');
    assert.equal((await state.startBuild('Jenkinsfile', 'main')).previous, 'SUCCESS');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
