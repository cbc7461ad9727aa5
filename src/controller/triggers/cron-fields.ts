/**
 * One field of a Jenkins cron line (`CrontabParser.g4`): comma-separated
 * terms, each `N`, `A-B`, `A-B/S`, `*`, `*\/S`, `H`, `H/S`, `H(A-B)` or
 * `H(A-B)/S`. Values are checked against the field's bounds.
 *
 * Jenkins' hashing rules, kept exactly: `H` picks one value; `H/S` picks an
 * offset in [0, S) and steps from there; `H/1` counts as plain `H`; hashed day
 * of month stays within 1–28 and hashed day of week within 0–6, so every
 * month and both Sunday numbers are covered evenly.
 *
 * An extension: month and weekday names (`JAN`, `mon`) stand for numbers,
 * which Jenkins does not accept.
 */
import type { CronHash } from './cron-hash.ts';

export interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Upper bound for a bare `H` or `H/S`. */
  hashMax: number;
  names?: readonly string[];
}

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const weekdays = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** minute, hour, day of month, month, day of week: in this order on a cron line. */
export const cronFields: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59, hashMax: 59 },
  { name: 'hour', min: 0, max: 23, hashMax: 23 },
  { name: 'day of month', min: 1, max: 31, hashMax: 28 },
  { name: 'month', min: 1, max: 12, hashMax: 12, names: ['', ...months] },
  { name: 'day of week', min: 0, max: 7, hashMax: 6, names: weekdays },
];

export interface FieldError {
  message: string;
  /** Offset within the field text. */
  at: number;
}

class FieldParseError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** The sorted values a field allows, or the first problem found in it. */
export function parseField(
  text: string,
  field: FieldSpec,
  hash: CronHash,
): { values: number[] } | { error: FieldError } {
  const values = new Set<number>();
  try {
    const cursor = new Cursor(text, field);
    do {
      for (const v of parseTerm(cursor, field, hash)) values.add(v);
    } while (cursor.accept(','));
    if (!cursor.atEnd()) cursor.fail(`unexpected '${cursor.peek()}' in ${field.name}`);
  } catch (e) {
    if (e instanceof FieldParseError) return { error: { message: e.message, at: e.at } };
    throw e;
  }
  return { values: [...values].sort((a, b) => a - b) };
}

function parseTerm(cursor: Cursor, field: FieldSpec, hash: CronHash): number[] {
  const start = cursor.pos;
  if (cursor.accept('*')) return steps(field.min, field.max, cursor.step());
  if (cursor.accept('H')) {
    let low = field.min;
    let high = field.hashMax;
    if (cursor.accept('(')) {
      low = cursor.value();
      cursor.expect('-');
      high = cursor.value();
      cursor.expect(')');
      if (low > high) cursor.fail(`H(${low}-${high}): the range is reversed`, start);
    }
    return hashed(low, high, cursor.step(), hash, cursor, start);
  }
  const low = cursor.value();
  if (!cursor.accept('-')) return [low];
  const high = cursor.value();
  if (low > high)
    cursor.fail(`${low}-${high}: the range is reversed; did you mean ${high}-${low}?`, start);
  return steps(low, high, cursor.step());
}

/** Like Jenkins, a step wider than the range is allowed: it selects the first value only. */
function steps(low: number, high: number, step: number): number[] {
  const out: number[] = [];
  for (let v = low; v <= high; v += step) out.push(v);
  return out;
}

function hashed(
  low: number,
  high: number,
  step: number,
  hash: CronHash,
  c: Cursor,
  at: number,
): number[] {
  if (step > high - low + 1)
    c.fail(`step ${step} is larger than the range ${low}-${high} for H`, at);
  if (step === 1) return [low + hash.next(high - low + 1)];
  const out: number[] = [];
  for (let v = low + hash.next(step); v <= high; v += step) out.push(v);
  return out;
}

class Cursor {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly field: FieldSpec,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  accept(s: string): boolean {
    if (!this.text.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }

  expect(s: string): void {
    if (!this.accept(s)) this.fail(`expected '${s}' in ${this.field.name}`);
  }

  /** `/S` if present, else 1. */
  step(): number {
    if (!this.accept('/')) return 1;
    const at = this.pos;
    const digits = /^\d+/.exec(this.text.slice(this.pos))?.[0];
    if (!digits) this.fail(`expected a number after '/' in ${this.field.name}`);
    this.pos += digits.length;
    const step = Number(digits);
    if (step <= 0) this.fail(`step must be positive, but found ${step}`, at);
    return step;
  }

  /** A number or (month and weekday fields) a name, within the field's bounds. */
  value(): number {
    const at = this.pos;
    const pattern = this.field.names ? /^(\d+|[A-Za-z]{3})/ : /^\d+/;
    const token = pattern.exec(this.text.slice(this.pos))?.[0];
    if (!token) this.fail(`expected a number in ${this.field.name}`);
    const isNumber = /^\d/.test(token);
    const value = isNumber ? Number(token) : (this.field.names?.indexOf(token.toUpperCase()) ?? -1);
    if (value < 0) this.fail(`unknown ${this.field.name} name '${token}'`, at);
    this.pos += token.length;
    if (value < this.field.min || value > this.field.max) {
      this.fail(
        `${token} is not a valid ${this.field.name}: use ${this.field.min}-${this.field.max}`,
        at,
      );
    }
    return value;
  }

  fail(message: string, at = this.pos): never {
    throw new FieldParseError(message, at);
  }
}
