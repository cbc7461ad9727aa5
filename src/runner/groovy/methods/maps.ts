/**
 * Map methods. Closures taking two parameters get `(key, value)`, closures
 * taking one get the entry, as in Groovy.
 */
import { groovyEquals } from '../compare.ts';
import { toStr } from '../format.ts';
import { GEntry, truthy } from '../values.ts';
import type { GClosure, GMap, Value } from '../values.ts';
import { LIST_METHODS } from './lists.ts';
import type { MethodEnv, MethodTable } from './support.ts';
import { argAt, closureArg, optClosure } from './support.ts';

function entryArgs(c: GClosure, k: Value, v: Value): Value[] {
  return c.arity >= 2 ? [k, v] : [new GEntry(k, v)];
}

async function test(_m: GMap, c: GClosure, e: MethodEnv, k: Value, v: Value): Promise<boolean> {
  return truthy(await e.call(c, entryArgs(c, k, v)));
}

export const MAP_METHODS: MethodTable<GMap> = {
  size: (m) => m.size,
  isEmpty: (m) => m.size === 0,
  asBoolean: (m) => m.size > 0,
  toString: (m: GMap) => toStr(m),
  get: (m, a) => (m.has(a[0] ?? null) ? (m.get(a[0] ?? null) ?? null) : (a[1] ?? null)),
  getAt: (m, a) => m.get(a[0] ?? null) ?? null,
  getOrDefault: (m, a) => (m.has(a[0] ?? null) ? (m.get(a[0] ?? null) ?? null) : (a[1] ?? null)),
  put: (m, a, e) => {
    const k = argAt(a, 0, e, 'put');
    const old = m.get(k) ?? null;
    m.set(k, a[1] ?? null);
    return old;
  },
  putAt: (m, a) => (m.set(a[0] ?? null, a[1] ?? null), null),
  putAll: (m, a, e) => {
    const other = argAt(a, 0, e, 'putAll');
    if (other instanceof Map) for (const [k, v] of other) m.set(k, v);
    return null;
  },
  remove: (m, a) => {
    const k = a[0] ?? null;
    const old = m.get(k) ?? null;
    m.delete(k);
    return old;
  },
  clear: (m) => (m.clear(), null),
  containsKey: (m, a) => m.has(a[0] ?? null),
  containsValue: (m, a) => [...m.values()].some((v) => groovyEquals(v, a[0] ?? null)),
  keySet: (m) => [...m.keys()],
  values: (m) => [...m.values()],
  entrySet: (m) => [...m].map(([k, v]) => new GEntry(k, v)),
  each: async (m, a, e) => {
    const c = closureArg(a, 0, e, 'each');
    for (const [k, v] of [...m]) await e.call(c, entryArgs(c, k, v));
    return m;
  },
  eachWithIndex: async (m, a, e) => {
    const c = closureArg(a, 0, e, 'eachWithIndex');
    let i = 0;
    for (const [k, v] of [...m])
      await e.call(c, c.arity >= 3 ? [k, v, i++] : [new GEntry(k, v), i++]);
    return m;
  },
  collect: async (m, a, e) => {
    const c = closureArg(a, 0, e, 'collect');
    const out: Value[] = [];
    for (const [k, v] of [...m]) out.push(await e.call(c, entryArgs(c, k, v)));
    return out;
  },
  collectEntries: async (m, a, e) => {
    const c = closureArg(a, 0, e, 'collectEntries');
    const pairs: Value[] = [];
    for (const [k, v] of [...m]) pairs.push(await e.call(c, entryArgs(c, k, v)));
    return LIST_METHODS.collectEntries?.(pairs, [], e) ?? null;
  },
  findAll: async (m, a, e) => {
    const c = closureArg(a, 0, e, 'findAll');
    const out = new Map<Value, Value>();
    for (const [k, v] of [...m]) if (await test(m, c, e, k, v)) out.set(k, v);
    return out;
  },
  find: async (m, a, e) => {
    const c = closureArg(a, 0, e, 'find');
    for (const [k, v] of [...m]) if (await test(m, c, e, k, v)) return new GEntry(k, v);
    return null;
  },
  any: async (m, a, e) => {
    const c = closureArg(a, 0, e, 'any');
    for (const [k, v] of [...m]) if (await test(m, c, e, k, v)) return true;
    return false;
  },
  every: async (m, a, e) => {
    const c = closureArg(a, 0, e, 'every');
    for (const [k, v] of [...m]) if (!(await test(m, c, e, k, v))) return false;
    return true;
  },
  count: async (m, a, e) => {
    const c = closureArg(a, 0, e, 'count');
    let n = 0;
    for (const [k, v] of [...m]) if (await test(m, c, e, k, v)) n++;
    return n;
  },
  inject: async (m, a, e) => {
    const c = closureArg(a, a.length - 1, e, 'inject');
    let acc: Value = a.length > 1 ? (a[0] ?? null) : null;
    for (const [k, v] of [...m])
      acc = await e.call(c, c.arity >= 3 ? [acc, k, v] : [acc, new GEntry(k, v)]);
    return acc;
  },
  sort: async (m, a, e) => {
    const c = optClosure(a, 0);
    const sort = LIST_METHODS.sort;
    if (!sort) return m;
    if (c) {
      const entries = [...m].map(([k, v]) => new GEntry(k, v));
      const sorted = (await sort(entries, [false, c], e)) as GEntry[];
      return new Map(sorted.map((en) => [en.key, en.value]));
    }
    const keys = (await sort([...m.keys()], [false], e)) as Value[];
    return new Map(keys.map((k) => [k, m.get(k) ?? null]));
  },
  subMap: (m, a, e) => {
    const keys = argAt(a, 0, e, 'subMap');
    const wanted = Array.isArray(keys) ? keys : [keys];
    return new Map(wanted.filter((k) => m.has(k)).map((k) => [k, m.get(k) ?? null]));
  },
  plus: (m, a) => (a[0] instanceof Map ? new Map([...m, ...a[0]]) : m),
  equals: (m, a) => groovyEquals(m, a[0] ?? null),
  clone: (m) => new Map(m),
  asImmutable: (m) => m,
};
