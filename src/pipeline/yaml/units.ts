/**
 * Durations (`30m`, `90s`, `1h30m`, `500ms`) and sizes (`512M`, `2G`,
 * `1.5GiB`) as rig.yaml writes them. Sizes use powers of 1024 whether or not
 * the `i` is written, as cgroup limits and `docker --memory` do.
 */

export const DURATION_PATTERN = /^\s*(\d+(\.\d+)?\s*(ms|s|m|h|d)\s*)+$/;
export const SIZE_PATTERN = /^\s*\d+(\.\d+)?\s*([KkMmGgTt]i?[Bb]?|[Bb])?\s*$/;

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Milliseconds, or `undefined` when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_PATTERN.test(text)) return undefined;
  let ms = 0;
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)\s*(ms|s|m|h|d)/g)) {
    ms += Number(amount) * DURATION_UNITS[unit!]!;
  }
  return Math.round(ms);
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};

/** Bytes, or `undefined` when the text is not a size. */
export function parseSize(text: string): number | undefined {
  if (!SIZE_PATTERN.test(text)) return undefined;
  const match = /(\d+(?:\.\d+)?)\s*([a-z]?)/i.exec(text.trim())!;
  const unit = (match[2] || 'b').toLowerCase();
  return Math.round(Number(match[1]) * SIZE_UNITS[unit]!);
}

/** Jenkins' `TimeUnit` names, in milliseconds. */
export const TIME_UNITS = {
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
} as const;
