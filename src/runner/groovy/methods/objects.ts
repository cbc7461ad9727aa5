/** Methods of matchers, map entries, caught exceptions and patterns. */
import { ScriptError } from '../../errors.ts';
import { toStr } from '../format.ts';
import { fullMatch, matcher } from '../regex.ts';
import { GClassRef } from '../values.ts';
import type { Value, GEntry, GError, GMatcher, GPattern } from '../values.ts';
import type { MethodEnv, MethodTable } from './support.ts';
import { closureArg, numArg, strArg } from './support.ts';

/** `m[0]`: the whole match, or `[whole, group1, …]` when the pattern has groups. */
export function matchAt(m: GMatcher, i: number): Value {
  const found = m.matches[i < 0 ? m.matches.length + i : i];
  if (!found) return null;
  return found.length > 1 ? [...found].map((g) => g ?? null) : found[0];
}

function current(m: GMatcher, e: MethodEnv): RegExpExecArray {
  const found = m.matches[m.cursor];
  if (!found) throw new ScriptError('No match found', e.span, 'java.lang.IllegalStateException');
  return found;
}

export const MATCHER_METHODS: MethodTable<GMatcher> = {
  find: (m) => {
    m.cursor++;
    return m.cursor < m.matches.length;
  },
  matches: (m) => fullMatch(m.input, m.pattern, undefined),
  lookingAt: (m) => m.matches[0]?.index === 0,
  group: (m, a, e) => current(m, e)[a.length > 0 ? numArg(a, 0, e, 'group') : 0] ?? null,
  groupCount: (m) => Math.max(0, (m.matches[0]?.length ?? 1) - 1),
  getCount: (m) => m.matches.length,
  size: (m) => m.matches.length,
  start: (m, _a, e) => current(m, e).index,
  end: (m, _a, e) => current(m, e).index + current(m, e)[0].length,
  reset: (m) => ((m.cursor = -1), m),
  getAt: (m, a, e) => matchAt(m, numArg(a, 0, e, 'getAt')),
  asBoolean: (m) => m.matches.length > 0,
  each: async (m, a, e) => {
    const c = closureArg(a, 0, e, 'each');
    for (let i = 0; i < m.matches.length; i++) await e.call(c, [matchAt(m, i)]);
    return m;
  },
  collect: async (m, a, e) => {
    const c = closureArg(a, 0, e, 'collect');
    const out: Value[] = [];
    for (let i = 0; i < m.matches.length; i++) out.push(await e.call(c, [matchAt(m, i)]));
    return out;
  },
  toString: (m: GMatcher) => toStr(m),
};

export const PATTERN_METHODS: MethodTable<GPattern> = {
  matcher: (p, a, e) => matcher(strArg(a, 0, e, 'matcher'), p.source, e.span),
  pattern: (p) => p.source,
  toString: (p: GPattern) => p.source,
  isCase: (p, a, e) => fullMatch(strArg(a, 0, e, 'isCase'), p.source, e.span),
};

export const ENTRY_METHODS: MethodTable<GEntry> = {
  getKey: (en) => en.key,
  getValue: (en) => en.value,
  setValue: (en, a) => {
    const old = en.value;
    en.value = a[0] ?? null;
    return old;
  },
  toString: (en: GEntry) => toStr(en),
};

export const ERROR_METHODS: MethodTable<GError> = {
  getMessage: (err) => err.error.message || null,
  getLocalizedMessage: (err) => err.error.message || null,
  toString: (err: GError) => toStr(err),
  getCause: () => null,
  getStackTrace: () => [],
  printStackTrace: () => null,
  getClass: (err) => new GClassRef(err.error.javaClass),
};
