import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJenkinsCron, type CronParseResult } from './cron-parse.ts';
import { jenkinsHash, type CronHash } from './cron-hash.ts';
import type { CronEntry, CronError } from './cron-schedule.ts';

const utc = { defaultTimeZone: 'UTC' };

function entries(spec: string, seed: string | CronHash = 'job'): CronEntry[] {
  const result = parseJenkinsCron(spec, seed, utc);
  if ('error' in result) assert.fail(`${spec}: ${result.error.message}`);
  return result.schedule.entries;
}

function only(spec: string, seed: string | CronHash = 'job'): CronEntry {
  const [entry, ...rest] = entries(spec, seed);
  assert.ok(entry && rest.length === 0);
  return entry;
}

function errorOf(spec: string): CronError {
  const result: CronParseResult = parseJenkinsCron(spec, 'job', utc);
  if (!('error' in result)) assert.fail(`${spec} should not parse`);
  return result.error;
}

const range = (a: number, b: number, step = 1): number[] => {
  const out: number[] = [];
  for (let v = a; v <= b; v += step) out.push(v);
  return out;
};

test('numbers, ranges, steps, lists and stars', () => {
  const e = only('0,30 */6 1-10/3 * 1-5');
  assert.deepEqual(e.minutes, [0, 30]);
  assert.deepEqual(e.hours, [0, 6, 12, 18]);
  assert.deepEqual(e.daysOfMonth, [1, 4, 7, 10]);
  assert.deepEqual(e.months, range(1, 12));
  assert.deepEqual(e.daysOfWeek, [1, 2, 3, 4, 5]);
  assert.equal(e.line, 1);
  assert.equal(e.text, '0,30 */6 1-10/3 * 1-5');
});

test('day of week 7 is Sunday, and * covers each day once', () => {
  assert.deepEqual(only('0 0 * * 7').daysOfWeek, [0]);
  assert.deepEqual(only('0 0 * * 5-7').daysOfWeek, [0, 5, 6]);
  assert.deepEqual(only('0 0 * * *').daysOfWeek, range(0, 6));
});

test('a step wider than its range selects the first value, as in Jenkins', () => {
  assert.deepEqual(only('*/90 0 * * *').minutes, [0]);
  assert.deepEqual(only('5-10/20 0 * * *').minutes, [5]);
});

test('month and weekday names are accepted, in any case', () => {
  const e = only('0 0 * JAN-mar,Dec MON,fri');
  assert.deepEqual(e.months, [1, 2, 3, 12]);
  assert.deepEqual(e.daysOfWeek, [1, 5]);
});

test("H follows Jenkins' rules (CronTabTest.testHash1 and testHash2)", () => {
  const last: CronHash = { next: (n) => n - 1 };
  const e1 = only('H H(5-8) H/3 H(1-10)/4 *', last);
  assert.deepEqual(e1.minutes, [59]);
  assert.deepEqual(e1.hours, [8]);
  assert.deepEqual(e1.daysOfMonth, range(3, 27, 3));
  assert.deepEqual(e1.months, [4, 8]);
  const one: CronHash = { next: () => 1 };
  const e2 = only('H H(5-8) H/3 H(1-10)/4 *', one);
  assert.deepEqual(e2.minutes, [1]);
  assert.deepEqual(e2.hours, [6]);
  assert.deepEqual(e2.daysOfMonth, range(2, 26, 3));
  assert.deepEqual(e2.months, [2, 6, 10]);
});

test('hashed day of month stays in 1-28 and hashed weekday in 0-6', () => {
  const last: CronHash = { next: (n) => n - 1 };
  const e = only('0 0 H * H', last);
  assert.deepEqual(e.daysOfMonth, [28]);
  assert.deepEqual(e.daysOfWeek, [6]);
});

test('H/1 picks one value, like plain H (a Jenkins quirk kept on purpose)', () => {
  assert.equal(only('H/1 * * * *').minutes.length, 1);
});

test('H draws continue across lines, with one generator per spec', () => {
  const hash = jenkinsHash('team/app');
  const first = hash.next(60);
  const second = hash.next(60);
  const [a, b] = entries('H 1 * * *\n# comment\n\nH 2 * * *', 'team/app');
  assert.deepEqual(a?.minutes, [first]);
  assert.deepEqual(b?.minutes, [second]);
  assert.equal(b?.line, 4);
});

test('the same seed gives the same schedule; seeds spread jobs', () => {
  assert.deepEqual(only('H H * * *', 'a/b'), only('H H * * *', 'a/b'));
  const minutes = new Set(range(0, 40).map((i) => only('H * * * *', `job-${i}`).minutes[0]));
  assert.ok(minutes.size > 10, `only ${minutes.size} distinct minutes`);
});

test('aliases are hashed like their H forms', () => {
  assert.deepEqual(only('@hourly', 'stuff').minutes, [56]);
  assert.deepEqual(only('@hourly', 'junk').minutes, [20]);
  assert.deepEqual(only('@daily', 'x'), { ...only('H H * * *', 'x'), text: '@daily' });
  assert.deepEqual(only('@midnight', 'x'), { ...only('H H(0-2) * * *', 'x'), text: '@midnight' });
  assert.deepEqual(only('@weekly', 'x'), { ...only('H H * * H', 'x'), text: '@weekly' });
  assert.deepEqual(only('@monthly', 'x'), { ...only('H H H * *', 'x'), text: '@monthly' });
  assert.deepEqual(only('@yearly', 'x'), { ...only('@annually', 'x'), text: '@yearly' });
  assert.equal(only('@yearly', 'x').months.length, 1);
});

test('TZ= on the first line sets the zone; otherwise the default applies', () => {
  const result = parseJenkinsCron('TZ=Europe/Berlin\n0 9 * * *', 'job', utc);
  assert.ok('schedule' in result);
  assert.equal(result.schedule.timeZone, 'Europe/Berlin');
  assert.equal(result.schedule.entries[0]?.line, 2);
  const plain = parseJenkinsCron('0 9 * * *', 'job', utc);
  assert.ok('schedule' in plain);
  assert.equal(plain.schedule.timeZone, 'UTC');
});

test('an empty spec (pollSCM("")) parses and has no entries', () => {
  assert.deepEqual(entries(''), []);
  assert.deepEqual(entries('  \n# only a comment\n'), []);
});

test('tabs and repeated spaces separate fields; CRLF line ends work', () => {
  assert.equal(entries('0\t0  * * *\r\n5 5 * * *').length, 2);
});

test('errors point at the line and column', () => {
  assert.deepEqual(errorOf('60 * * * *'), {
    message: '60 is not a valid minute: use 0-59',
    line: 1,
    col: 1,
  });
  assert.deepEqual(errorOf('# c\n  0 5-2 * * *'), {
    message: '5-2: the range is reversed; did you mean 2-5?',
    line: 2,
    col: 5,
  });
  assert.deepEqual(errorOf('0 0 * *'), {
    message: 'missing day of week: a cron line has five fields',
    line: 1,
    col: 8,
  });
  assert.deepEqual(errorOf('0 0 * * * *'), {
    message: 'too many fields: a cron line has five',
    line: 1,
    col: 11,
  });
  assert.equal(errorOf('0 0 * * 8').message, '8 is not a valid day of week: use 0-7');
  assert.equal(errorOf('0 0 0 * *').message, '0 is not a valid day of month: use 1-31');
  assert.equal(errorOf('*/0 * * * *').message, 'step must be positive, but found 0');
  assert.deepEqual(errorOf('0 0 * * FOO'), {
    message: "unknown day of week name 'FOO'",
    line: 1,
    col: 9,
  });
  assert.equal(errorOf('MON 0 * * *').message, 'expected a number in minute');
  assert.equal(errorOf('0,,1 * * * *').col, 3);
  assert.equal(errorOf('H(5 * * * *').message, "expected '-' in minute");
  assert.equal(errorOf('H(8-5) * * * *').message, 'H(8-5): the range is reversed');
  assert.equal(errorOf('@sometimes').message, "unknown alias '@sometimes'");
  assert.deepEqual(errorOf('0 0 * * *\nTZ=UTC'), {
    message: 'TZ= must be on the first line',
    line: 2,
    col: 1,
  });
  assert.deepEqual(errorOf('TZ=Mars/Olympus\n0 0 * * *'), {
    message: "unknown time zone 'Mars/Olympus'",
    line: 1,
    col: 4,
  });
});

test('a hashed step wider than the range is an error (CronTabTest.hashSkips)', () => {
  assert.equal(errorOf('H(0-3)/15 * * * *').message, 'step 15 is larger than the range 0-3 for H');
});

test('warnings: every minute, and dates that never happen', () => {
  const everyMinute = parseJenkinsCron('* 0 * * *', 'job', utc);
  assert.ok('schedule' in everyMinute);
  assert.deepEqual(everyMinute.warnings, [
    { line: 1, message: "'* 0 * * *' runs every minute; did you mean 'H 0 * * *'?" },
  ]);
  const never = parseJenkinsCron('0 0 30,31 2 *', 'job', utc);
  assert.ok('schedule' in never);
  assert.match(never.warnings[0]?.message ?? '', /never fires/);
  const fine = parseJenkinsCron('H H 29 2 *', 'job', utc);
  assert.ok('schedule' in fine);
  assert.deepEqual(fine.warnings, []);
});
