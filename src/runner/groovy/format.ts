/** Groovy's `toString()` for every value: what `echo`, `println` and "${…}" show. */
import { GClassRef, GClosure, GEntry, GError, GMatcher, GPattern, HostObject } from './values.ts';
import type { Value } from './values.ts';

export function toStr(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(toStr).join(', ')}]`;
  if (v instanceof Map) {
    if (v.size === 0) return '[:]';
    return `[${[...v].map(([k, val]) => `${toStr(k)}:${toStr(val)}`).join(', ')}]`;
  }
  if (v instanceof GClosure) return v.functionName ? `${v.functionName}()` : 'groovy.lang.Closure';
  if (v instanceof GPattern) return v.source;
  if (v instanceof GMatcher) return `java.util.regex.Matcher[pattern=${v.pattern}]`;
  if (v instanceof GEntry) return `${toStr(v.key)}=${toStr(v.value)}`;
  if (v instanceof GError) return errorString(v);
  if (v instanceof GClassRef) return `class ${v.name}`;
  if (v instanceof HostObject) return v.describe();
  return String(v);
}

function errorString(e: GError): string {
  return e.error.message ? `${e.error.javaClass}: ${e.error.message}` : e.error.javaClass;
}

export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}
