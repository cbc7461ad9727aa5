import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseJenkinsCron } from './cron-parse.ts';
import { nextFireTime } from './cron-next.ts';
import type { CronSchedule } from './cron-schedule.ts';
import { wallClock } from './wall-clock.ts';

function schedule(spec: string, zone = 'UTC', seed = 'job'): CronSchedule {
  const result = parseJenkinsCron(spec, seed, { defaultTimeZone: zone });
  if ('error' in result) assert.fail(result.error.message);
  return result.schedule;
}

function next(spec: string, after: string, zone = 'UTC'): string | undefined {
  return nextFireTime(schedule(spec, zone), new Date(after))?.toISOString();
}

test("Jenkins' CronTabTest.ceil cases (one minute earlier: ours is strictly after)", () => {
  assert.equal(next('0,30 * * * *', '2000-03-01T01:10:00Z'), '2000-03-01T01:30:00.000Z');
  assert.equal(next('0,30 * * * *', '2000-03-01T01:40:00Z'), '2000-03-01T02:00:00.000Z');
  assert.equal(next('15,45 3 * * *', '2000-03-01T02:30:00Z'), '2000-03-01T03:15:00.000Z');
  // Day of month and day of week must both match: the first Sunday the 1st in 2010 is Aug 1.
  assert.equal(next('0 0 1 * 0', '2010-01-01T15:55:00Z'), '2010-08-01T00:00:00.000Z');
  assert.equal(next('0 0 1 * 7', '2010-01-01T15:55:00Z'), '2010-08-01T00:00:00.000Z');
  assert.equal(next('0 23 * * 1-5', '2011-01-16T00:00:00Z'), '2011-01-17T23:00:00.000Z');
});

test("Jenkins' hashedMinute and hashSkips cases", () => {
  const at = (spec: string, seed: string, after: string): string | undefined =>
    nextFireTime(schedule(spec, 'UTC', seed), new Date(after))?.toISOString();
  assert.equal(at('H 17 * * *', 'stuff', '2013-03-21T16:21:00Z'), '2013-03-21T17:56:00.000Z');
  assert.equal(at('@hourly', 'junk', '2013-03-21T16:21:00Z'), '2013-03-21T17:20:00.000Z');
  assert.equal(at('H H(12-13) * * *', 'stuff', '2013-03-21T16:21:00Z'), '2013-03-22T13:56:00.000Z');
  assert.equal(at('H/15 * * * *', 'stuff', '2013-03-21T16:42:00Z'), '2013-03-21T16:56:00.000Z');
  assert.equal(at('H/15 * * * *', 'stuff', '2013-03-21T16:59:00Z'), '2013-03-21T17:11:00.000Z');
  assert.equal(at('H(0-3)/4 * * * *', 'junk', '2013-03-21T00:05:00Z'), '2013-03-21T01:02:00.000Z');
});

test('the result is strictly after `after` and on a whole minute', () => {
  assert.equal(next('30 * * * *', '2024-01-01T10:30:00Z'), '2024-01-01T11:30:00.000Z');
  assert.equal(next('30 * * * *', '2024-01-01T10:29:59.999Z'), '2024-01-01T10:30:00.000Z');
  assert.equal(next('* * * * *', '2024-01-01T10:29:10Z'), '2024-01-01T10:30:00.000Z');
});

test('the earliest of several lines wins', () => {
  assert.equal(next('0 12 * * *\n0 6 * * *', '2024-01-01T07:00:00Z'), '2024-01-01T12:00:00.000Z');
  assert.equal(next('0 12 * * *\n0 6 * * *', '2024-01-01T13:00:00Z'), '2024-01-02T06:00:00.000Z');
});

test('TZ= zones: fields are read on that wall clock', () => {
  assert.equal(
    next('TZ=Europe/Berlin\n0 9 * * *', '2024-01-15T00:00:00Z'),
    '2024-01-15T08:00:00.000Z',
  );
  assert.equal(
    next('TZ=Europe/Berlin\n0 9 * * *', '2024-07-15T00:00:00Z'),
    '2024-07-15T07:00:00.000Z',
  );
  assert.equal(
    next('0 9 * * *', '2024-01-15T00:00:00Z', 'Asia/Kolkata'),
    '2024-01-15T03:30:00.000Z',
  );
});

test('a wall time skipped by a DST jump does not fire that day (Jenkins checks real minutes)', () => {
  // New York, 2024-03-10: 02:00 EST jumps to 03:00 EDT.
  const zone = 'America/New_York';
  assert.equal(next('30 2 * * *', '2024-03-10T05:00:00Z', zone), '2024-03-11T06:30:00.000Z');
  assert.equal(next('0 * * * *', '2024-03-10T06:30:00Z', zone), '2024-03-10T07:00:00.000Z');
  assert.equal(next('0 3 * * *', '2024-03-10T05:00:00Z', zone), '2024-03-10T07:00:00.000Z');
});

test('a wall time repeated when clocks go back fires twice', () => {
  // New York, 2024-11-03: 02:00 EDT goes back to 01:00 EST.
  const zone = 'America/New_York';
  assert.equal(next('30 1 * * *', '2024-11-03T05:00:00Z', zone), '2024-11-03T05:30:00.000Z');
  assert.equal(next('30 1 * * *', '2024-11-03T05:30:00Z', zone), '2024-11-03T06:30:00.000Z');
  assert.equal(next('30 1 * * *', '2024-11-03T06:30:00Z', zone), '2024-11-04T06:30:00.000Z');
});

test('rare dates are found; impossible ones and empty specs give null', () => {
  const feb29Monday = nextFireTime(schedule('0 0 29 2 1'), new Date('2024-03-01T00:00:00Z'));
  assert.equal(feb29Monday?.toISOString(), '2044-02-29T00:00:00.000Z');
  assert.equal(nextFireTime(schedule('0 0 30 2 *'), new Date('2024-01-01T00:00:00Z')), null);
  assert.equal(nextFireTime(schedule(''), new Date('2024-01-01T00:00:00Z')), null);
});

/** Checks minute by minute: nothing matches between `after` and the answer. */
function bruteForceNext(s: CronSchedule, after: number, limit: number): number | null {
  for (let t = Math.floor(after / 60_000) * 60_000 + 60_000; t <= limit; t += 60_000) {
    const w = wallClock(t, s.timeZone);
    const hit = s.entries.some(
      (e) =>
        e.minutes.includes(w.minute) &&
        e.hours.includes(w.hour) &&
        e.daysOfMonth.includes(w.day) &&
        e.months.includes(w.month) &&
        e.daysOfWeek.includes(w.weekday),
    );
    if (hit) return t;
  }
  return null;
}

test('agrees with a minute-by-minute search, across zones and DST changes', () => {
  const field = (max: number, min = 0): fc.Arbitrary<string> =>
    fc
      .uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 3 })
      .map((v) => v.join(','));
  const spec = fc
    .tuple(field(59), field(23), fc.constantFrom('*', '1-15', '*/2'), fc.constantFrom('*', '1-6'))
    .map(([m, h, dom, dow]) => `${m} ${h} ${dom} * ${dow}`);
  const zone = fc.constantFrom('UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe');
  // Around the 2024 DST changes of those zones.
  const after = fc.constantFrom(
    Date.parse('2024-03-09T12:00:00Z'),
    Date.parse('2024-03-30T20:00:00Z'),
    Date.parse('2024-04-06T10:00:00Z'),
    Date.parse('2024-10-26T20:00:00Z'),
    Date.parse('2024-11-02T12:00:00Z'),
  );
  fc.assert(
    fc.property(spec, zone, after, fc.integer({ min: 0, max: 59 }), (text, z, base, offsetMin) => {
      const s = schedule(text, z);
      const from = base + offsetMin * 60_000 + 17_000;
      const got = nextFireTime(s, new Date(from))?.getTime() ?? null;
      const limit = from + 20 * 24 * 3600_000;
      assert.ok(got !== null && got <= limit, 'these specs fire within 20 days');
      const expected = bruteForceNext(s, from, got);
      assert.equal(got, expected, `${text} in ${z} after ${new Date(from).toISOString()}`);
    }),
    { numRuns: 60 },
  );
});
