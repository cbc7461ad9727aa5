import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { openSqliteStore } from '../store/sqlite.ts';
import type { Store } from '../store/store.ts';
import { nextFireTime, parseJenkinsCron } from '../triggers/cron.ts';
import { ManualClock } from './test-clock.ts';
import { cronSeed, TriggerTimer } from './trigger-timer.ts';
import type { TimedTrigger } from './trigger-timer.ts';

const log = pino({ level: 'silent' });
const minute = 60_000;
const start = Date.UTC(2026, 0, 5, 10, 0, 30);

async function withStore(fn: (store: Store, dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rig-timer-'));
  const store = await openSqliteStore(join(dir, 'rig.db'));
  try {
    await fn(store, dir);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const project = {
  id: 'p1',
  name: 'infra',
  repoUrl: '/srv/repo',
  pipelineFile: 'ci/Jenkinsfile',
  branchFilters: [],
  defaultBranch: 'main',
  webhookSecret: null,
  statusRepo: null,
  statusCredentialId: null,
};
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

function timer(store: Store, clock: ManualClock, fired: Array<[TimedTrigger, number]>) {
  return new TriggerTimer({
    store,
    log,
    clock,
    fire: (t, at) => {
      fired.push([t, at]);
      return Promise.resolve();
    },
  });
}

test('fires at the hashed minute, seeded by project and pipeline file, with one timer armed', () =>
  withStore(async (store) => {
    await store.createProject({ ...project, triggers: [{ kind: 'cron', spec: 'H * * * *' }] });
    const clock = new ManualClock(start);
    const fired: Array<[TimedTrigger, number]> = [];
    const t = timer(store, clock, fired);
    await t.start();
    const parsed = parseJenkinsCron('H * * * *', 'infra/ci/Jenkinsfile');
    assert.ok('schedule' in parsed);
    const expected = nextFireTime(parsed.schedule, new Date(start))!.getTime();
    assert.equal(cronSeed(project), 'infra/ci/Jenkinsfile');
    assert.equal(t.list()[0]?.next, expected);
    await clock.advanceTo(expected - 1, settle);
    assert.equal(fired.length, 0);
    await clock.advanceTo(expected + 3 * 60 * minute, settle);
    assert.deepEqual(
      fired.map(([, at]) => at),
      [expected, expected + 60 * minute, expected + 120 * minute, expected + 180 * minute],
    );
    assert.equal(clock.maxPending, 1, 'one timer for the next due fire, never more');
    await t.stop();
    assert.equal(clock.pending, 0);
  }));

test('a restart in the minute of a fire does not fire it again; missed fires are not made up', () =>
  withStore(async (store) => {
    await store.createProject({ ...project, triggers: [{ kind: 'cron', spec: '*/10 * * * *' }] });
    const clock = new ManualClock(start);
    const fired: Array<[TimedTrigger, number]> = [];
    const first = timer(store, clock, fired);
    await first.start();
    await clock.advanceTo(start + 10 * minute, settle);
    assert.equal(fired.length, 1);
    const firedAt = fired[0]?.[1] ?? 0;
    await first.stop();
    // Restart 20 s after the fire, within the same minute.
    const again = new ManualClock(firedAt + 20_000);
    const second = timer(store, again, fired);
    await second.start();
    assert.equal(second.list()[0]?.next, firedAt + 10 * minute);
    await second.stop();
    // Down for an hour: the next fire is the next one from now.
    const late = new ManualClock(firedAt + 60 * minute + 5_000);
    const third = timer(store, late, fired);
    await third.start();
    assert.equal(third.list()[0]?.next, firedAt + 70 * minute);
    await third.stop();
    assert.equal(fired.length, 1);
  }));

test('changing a project re-arms; removing its triggers disarms; a bad spec is skipped', () =>
  withStore(async (store) => {
    const made = await store.createProject(project);
    const clock = new ManualClock(start);
    const t = timer(store, clock, []);
    await t.start();
    assert.equal(clock.pending, 0);
    await t.setProject({ ...made, triggers: [{ kind: 'pollSCM', spec: '* * * * *' }] });
    assert.equal(t.list()[0]?.next, start - 30_000 + minute);
    assert.equal(clock.pending, 1);
    await t.setProject({ ...made, triggers: [{ kind: 'cron', spec: 'not a spec' }] });
    assert.equal(clock.pending, 0);
    assert.deepEqual(t.list(), []);
    await t.stop();
  }));
