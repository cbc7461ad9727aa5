/** Groovy equality (`==`: numeric, deep for lists and maps) and ordering (`<=>`). */
import { GEntry } from './values.ts';
import type { Value } from './values.ts';

export function groovyEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => groovyEquals(x, b[i] ?? null));
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k) || !groovyEquals(v, b.get(k) ?? null)) return false;
    }
    return true;
  }
  if (a instanceof GEntry && b instanceof GEntry) {
    return groovyEquals(a.key, b.key) && groovyEquals(a.value, b.value);
  }
  return false;
}

/** `a <=> b`; undefined when the two cannot be compared. Null sorts first. */
export function groovyCompare(a: Value, b: Value): number | undefined {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = groovyCompare(a[i] ?? null, b[i] ?? null);
      if (c !== 0) return c;
    }
    return Math.sign(a.length - b.length);
  }
  return undefined;
}
