/**
 * When a schedule fires next. The rule is Jenkins' own: Jenkins checks every
 * real minute whether the wall clock in the schedule's zone matches. So a
 * wall time skipped by a daylight-saving jump does not fire that day, and a
 * wall time that happens twice (clocks going back) fires twice.
 *
 * The search steps through real time but skips whole months, days and hours
 * that cannot match, checking that no UTC offset change hides inside a skip.
 */
import type { CronEntry, CronSchedule } from './cron-schedule.ts';
import { daysInMonth, wallClock, type WallClock } from './wall-clock.ts';

const minuteMs = 60_000;
/** Feb 29 on a given weekday recurs within 40 years (2100 is not a leap year). */
const horizonMs = 50 * 366 * 24 * 60 * minuteMs;

/**
 * The first whole minute strictly after `after` at which the schedule fires,
 * or null when it never does (no entries, or an impossible date like Feb 30).
 */
export function nextFireTime(schedule: CronSchedule, after: Date): Date | null {
  const start = Math.floor(after.getTime() / minuteMs) * minuteMs + minuteMs;
  let best: number | null = null;
  for (const entry of schedule.entries) {
    const limit = Math.min(best ?? Infinity, start + horizonMs);
    const next = nextForEntry(matcherFor(entry), start, limit, schedule.timeZone);
    if (next !== null && (best === null || next < best)) best = next;
  }
  return best === null ? null : new Date(best);
}

type Level = 'month' | 'day' | 'hour' | 'minute';

interface Matcher {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
}

function matcherFor(entry: CronEntry): Matcher {
  return {
    minutes: new Set(entry.minutes),
    hours: new Set(entry.hours),
    daysOfMonth: new Set(entry.daysOfMonth),
    months: new Set(entry.months),
    daysOfWeek: new Set(entry.daysOfWeek),
  };
}

function nextForEntry(m: Matcher, start: number, limit: number, zone: string): number | null {
  let t = start;
  while (t <= limit) {
    const wall = wallClock(t, zone);
    const level = firstMismatch(m, wall);
    if (level === null) return t;
    t = skip(t, wall, level, zone);
  }
  return null;
}

function firstMismatch(m: Matcher, w: WallClock): Level | null {
  if (!m.months.has(w.month)) return 'month';
  if (!m.daysOfMonth.has(w.day) || !m.daysOfWeek.has(w.weekday)) return 'day';
  if (!m.hours.has(w.hour)) return 'hour';
  if (!m.minutes.has(w.minute)) return 'minute';
  return null;
}

const finer: Record<Level, Level | null> = {
  month: 'day',
  day: 'hour',
  hour: 'minute',
  minute: null,
};

/** The furthest real instant we may jump to without passing a matching minute. */
function skip(t: number, wall: WallClock, level: Level, zone: string): number {
  for (let l: Level | null = level; l !== null; l = finer[l]) {
    const target = t + minutesToNext(wall, l) * minuteMs;
    // With the same offset at both ends, real and wall time advanced alike.
    if (l === 'minute' || wallClock(target, zone).offsetMinutes === wall.offsetMinutes)
      return target;
  }
  return t + minuteMs;
}

function minutesToNext(w: WallClock, level: Level): number {
  const toNextHour = 60 - w.minute;
  const toNextDay = (23 - w.hour) * 60 + toNextHour;
  switch (level) {
    case 'minute':
      return 1;
    case 'hour':
      return toNextHour;
    case 'day':
      return toNextDay;
    case 'month':
      return (daysInMonth(w.year, w.month) - w.day) * 24 * 60 + toNextDay;
  }
}
