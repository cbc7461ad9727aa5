import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { uniqueId, waitFor } from '../conformance/harness.ts';
import { environMatches, markerEnv } from './markers.ts';
import { findMarked } from './proc-table.ts';
import { sweepMarked } from './sweep.ts';

const env = (entries: string[]): Buffer => Buffer.from(entries.map((e) => `${e}\0`).join(''));

test('a marker matches only its exact value', () => {
  const environ = env(['A=1', 'RIG_BUILD_MARKER=job-1', 'RIG_STEP_MARKER=s1']);
  assert.equal(environMatches(environ, { jobId: 'job-1' }), true);
  assert.equal(environMatches(environ, { jobId: 'job-1', stepId: 's1' }), true);
  assert.equal(environMatches(environ, { jobId: 'job-1', stepId: 's' }), false);
  assert.equal(environMatches(environ, { jobId: 'job' }), false);
  assert.equal(environMatches(env(['RIG_BUILD_MARKER=job-10']), { jobId: 'job-1' }), false);
  assert.equal(environMatches(env(['XRIG_BUILD_MARKER=job-1']), { jobId: 'job-1' }), false);
  assert.equal(environMatches(env(['RIG_BUILD_MARKER=job-1']), { jobId: 'job-1' }), true);
});

test('the sweep kills exactly the processes with our marker, never a longer one', async () => {
  const jobId = uniqueId('sweep');
  const ours = spawn('sleep', ['600'], { env: { ...process.env, ...markerEnv(jobId, 's') } });
  const theirs = spawn('sleep', ['600'], {
    env: { ...process.env, ...markerEnv(`${jobId}0`, 's') },
  });
  try {
    await waitFor('both to start', async () => (await findMarked({ jobId })).length === 1);
    assert.deepEqual(await findMarked({ jobId }), [ours.pid]);
    const result = await sweepMarked({ jobId });
    assert.deepEqual([...result.killed], [ours.pid]);
    assert.deepEqual(await findMarked({ jobId: `${jobId}0` }), [theirs.pid]);
  } finally {
    ours.kill('SIGKILL');
    theirs.kill('SIGKILL');
  }
});
