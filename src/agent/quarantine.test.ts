import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pino from 'pino';
import type { BuildEvent } from '../runner/events.ts';
import type { JobIo, JobRunner } from './job-runner.ts';
import { Quarantine } from './quarantine.ts';

const dir = mkdtempSync(join(tmpdir(), 'rig-quarantine-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const log = pino({ level: 'silent' });

/** What the watched runner needs of a job: its id and somewhere for events to go. */
function io(jobId: string, events: BuildEvent[] = []): JobIo {
  return { assignment: { jobId }, onEvent: (e: BuildEvent) => events.push(e) } as unknown as JobIo;
}

function teardown(leftovers: string[]): BuildEvent {
  return { type: 'teardown', at: Date.now(), removed: [], failed: [], leftovers };
}

test('a teardown that reports leftovers quarantines; a clean one does not', async () => {
  const file = join(dir, 'teardown.json');
  let changes = 0;
  const q = new Quarantine({ file, hostCheck: false, log, onChange: () => changes++ });
  await q.start();
  const emitting =
    (leftovers: string[]): JobRunner =>
    (job) => {
      job.onEvent(teardown(leftovers));
      return Promise.resolve({ result: 'SUCCESS' });
    };
  const seen: BuildEvent[] = [];
  await q.watch(emitting([]))(io('clean-job', seen));
  assert.equal(q.reason(), null);
  assert.equal(seen.length, 1, 'events still reach the job');
  await q.watch(emitting(['tmpdir /tmp/x (job)']))(io('dirty-job'));
  assert.equal(
    q.reason(),
    'job dirty-job left on the host what teardown could not remove: tmpdir /tmp/x (job)',
  );
  assert.equal(changes, 1);
});

test('with hostCheck, what a job left untraced is found; the reason survives a restart until cleared', async () => {
  const file = join(dir, 'host.json');
  const netns = `rig-qt-${randomBytes(4).toString('hex')}`;
  let changes = 0;
  const q = new Quarantine({ file, hostCheck: true, log, onChange: () => changes++ });
  await q.start();
  const leaving: JobRunner = () => {
    execFileSync('ip', ['netns', 'add', netns]);
    return Promise.resolve({ result: 'SUCCESS' });
  };
  try {
    await q.watch(leaving)(io('leaky-job'));
    assert.match(q.reason() ?? '', /^after job leaky-job the host differs from its baseline: /);
    assert.ok(q.reason()?.includes(`netns ${netns} was added`), q.reason() ?? '');
    assert.equal(changes, 1);

    const restarted = new Quarantine({ file, hostCheck: true, log });
    assert.equal(restarted.reason(), q.reason());
  } finally {
    execFileSync('ip', ['netns', 'del', netns]);
  }
  await q.clear('admin');
  assert.equal(q.reason(), null);
  assert.equal(existsSync(file), false);
  assert.equal(changes, 2);
  assert.equal(new Quarantine({ file, hostCheck: true, log }).reason(), null);
});
