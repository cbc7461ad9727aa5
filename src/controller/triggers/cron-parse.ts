/**
 * Parses a Jenkins cron spec (`cron('…')`, `pollSCM('…')`), as
 * `hudson.scheduler.CronTabList` does: one schedule per line, blank lines and
 * `#` comments skipped, an optional `TZ=Zone` first line, five fields or an
 * `@alias` per line. Aliases are hashed as in Jenkins (`@daily` = `H H * * *`,
 * `@midnight` = `H H(0-2) * * *`, …), so jobs spread over the day.
 *
 * Day of month and day of week must both match (Jenkins' rule, unlike Vixie
 * cron which fires when either does).
 */
import { cronFields, parseField } from './cron-fields.ts';
import { jenkinsHash, type CronHash } from './cron-hash.ts';
import type { CronEntry, CronError, CronSchedule, CronWarning } from './cron-schedule.ts';
import { daysInMonth, hostTimeZone, isValidTimeZone } from './wall-clock.ts';

export type CronParseResult =
  { schedule: CronSchedule; warnings: CronWarning[] } | { error: CronError };

export interface CronParseOptions {
  /** Zone for specs without `TZ=`; defaults to the host's, as Jenkins uses the JVM's. */
  defaultTimeZone?: string;
}

const aliases: Record<string, string> = {
  '@yearly': 'H H H H *',
  '@annually': 'H H H H *',
  '@monthly': 'H H H * *',
  '@weekly': 'H H * * H',
  '@daily': 'H H * * *',
  '@midnight': 'H H(0-2) * * *',
  '@hourly': 'H * * * *',
};

/**
 * `hashSeed` is the job's full name in Jenkins (e.g. `folder/job`); the same
 * seed always yields the same schedule. A `CronHash` may be passed instead.
 */
export function parseJenkinsCron(
  spec: string,
  hashSeed: string | CronHash,
  options: CronParseOptions = {},
): CronParseResult {
  const hash = typeof hashSeed === 'string' ? jenkinsHash(hashSeed) : hashSeed;
  let timeZone = options.defaultTimeZone ?? hostTimeZone();
  const entries: CronEntry[] = [];
  const lines = spec.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const lineNo = index + 1;
    const text = raw.trim();
    const indent = raw.length - raw.trimStart().length;
    if (text.startsWith('TZ=')) {
      const zone = text.slice(3);
      if (lineNo !== 1) return fail('TZ= must be on the first line', lineNo, indent);
      if (!isValidTimeZone(zone)) return fail(`unknown time zone '${zone}'`, lineNo, indent + 4);
      timeZone = zone;
      continue;
    }
    if (text === '' || text.startsWith('#')) continue;
    const parsed = parseLine(text, hash);
    if ('error' in parsed) return fail(parsed.error.message, lineNo, indent + parsed.error.at + 1);
    entries.push({ line: lineNo, text, ...parsed.fields });
  }
  return { schedule: { timeZone, entries }, warnings: entries.flatMap(warningsFor) };
}

function fail(message: string, line: number, col: number): { error: CronError } {
  return { error: { message, line, col: Math.max(col, 1) } };
}

type Fields = Omit<CronEntry, 'line' | 'text'>;

function parseLine(
  text: string,
  hash: CronHash,
): { fields: Fields } | { error: { message: string; at: number } } {
  if (text.startsWith('@')) {
    const alias = aliases[text];
    if (!alias) return { error: { message: `unknown alias '${text}'`, at: 0 } };
    const expanded = parseLine(alias, hash);
    if ('error' in expanded) throw new Error(`alias ${text} must parse: ${expanded.error.message}`);
    return expanded;
  }
  const values: number[][] = [];
  const pattern = /\S+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const field = cronFields[values.length];
    if (!field)
      return { error: { message: 'too many fields: a cron line has five', at: match.index } };
    const parsed = parseField(match[0], field, hash);
    if ('error' in parsed)
      return { error: { message: parsed.error.message, at: match.index + parsed.error.at } };
    values.push(parsed.values);
  }
  if (values.length < 5) {
    const missing = cronFields.slice(values.length).map((f) => f.name);
    return {
      error: {
        message: `missing ${missing.join(', ')}: a cron line has five fields`,
        at: text.length,
      },
    };
  }
  const [minutes, hours, daysOfMonth, months, weekdays] = values as [
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  const daysOfWeek = [...new Set(weekdays.map((d) => d % 7))].sort((a, b) => a - b);
  return { fields: { minutes, hours, daysOfMonth, months, daysOfWeek } };
}

function warningsFor(entry: CronEntry): CronWarning[] {
  const warnings: CronWarning[] = [];
  if (entry.minutes.length === 60) {
    const suggestion = ['H', ...entry.text.split(/\s+/).slice(1)].join(' ');
    warnings.push({
      line: entry.line,
      message: `'${entry.text}' runs every minute; did you mean '${suggestion}'?`,
    });
  }
  const possible = entry.months.some((m) =>
    entry.daysOfMonth.some((d) => d <= daysInMonth(2000, m)),
  );
  if (!possible) {
    warnings.push({
      line: entry.line,
      message: `'${entry.text}' never fires: no such day in those months`,
    });
  }
  return warnings;
}
