/**
 * The `comparator:` of `when` conditions, with Jenkins' behaviour: GLOB is an
 * Ant path match (case-insensitive unless asked otherwise), REGEXP must match
 * the whole value (Java's `String.matches`), EQUALS is exact. A missing value
 * compares as the empty string.
 */
import type { Comparator } from '../model/pipeline.ts';
import { antMatch } from './ant-glob.ts';

export function compareWith(
  comparator: Comparator,
  pattern: string,
  actual: string | undefined,
  caseSensitive = false,
): boolean {
  const value = actual ?? '';
  switch (comparator) {
    case 'GLOB':
      return antMatch(pattern, value, caseSensitive);
    case 'REGEXP':
      return fullRegexMatch(pattern, value);
    case 'EQUALS':
      return value === pattern;
  }
}

/** Java's `String.matches`: the whole string must match. An invalid pattern matches nothing. */
export function fullRegexMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}
