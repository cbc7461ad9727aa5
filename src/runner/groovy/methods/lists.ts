/** List methods: Groovy's GDK on `java.util.List`, with closures called in order. */
import { ScriptError } from '../../errors.ts';
import { groovyCompare, groovyEquals } from '../compare.ts';
import { toStr } from '../format.ts';
import { binary, isCase } from '../operators.ts';
import { truthy } from '../values.ts';
import type { GClosure, Value } from '../values.ts';
import type { MethodEnv, MethodTable } from './support.ts';
import { argAt, closureArg, normIndex, numArg, optClosure, strArg } from './support.ts';

type L = Value[];

export const LIST_METHODS: MethodTable<L> = {
  size: (l) => l.length,
  isEmpty: (l) => l.length === 0,
  asBoolean: (l) => l.length > 0,
  toString: (l: L) => toStr(l),
  toList: (l) => [...l],
  asList: (l) => l,
  collect: async (l, a, e) =>
    a.length === 0 ? [...l] : mapAll(l, closureArg(a, 0, e, 'collect'), e),
  each: async (l, a, e) => {
    const c = closureArg(a, 0, e, 'each');
    for (const x of [...l]) await e.call(c, [x]);
    return l;
  },
  eachWithIndex: async (l, a, e) => {
    const c = closureArg(a, 0, e, 'eachWithIndex');
    for (const [i, x] of [...l].entries()) await e.call(c, [x, i]);
    return l;
  },
  reverseEach: async (l, a, e) => {
    const c = closureArg(a, 0, e, 'reverseEach');
    for (const x of [...l].reverse()) await e.call(c, [x]);
    return l;
  },
  collectEntries: async (l, a, e) => collectEntries(l, optClosure(a, 0), e),
  collectMany: async (l, a, e) =>
    (await mapAll(l, closureArg(a, 0, e, 'collectMany'), e)).flatMap((x) =>
      Array.isArray(x) ? x : [x],
    ),
  findAll: async (l, a, e) => filterAll(l, optClosure(a, 0), e),
  grep: async (l, a, e) =>
    a[0] === undefined ? l.filter(truthy) : l.filter((x) => isCase(a[0] ?? null, x, e.span)),
  find: async (l, a, e) => {
    const c = optClosure(a, 0);
    for (const x of l) if (c ? truthy(await e.call(c, [x])) : truthy(x)) return x;
    return null;
  },
  findIndexOf: async (l, a, e) => {
    const c = closureArg(a, 0, e, 'findIndexOf');
    for (const [i, x] of l.entries()) if (truthy(await e.call(c, [x]))) return i;
    return -1;
  },
  findResults: async (l, a, e) =>
    (await mapAll(l, closureArg(a, 0, e, 'findResults'), e)).filter((x) => x !== null),
  any: async (l, a, e) => {
    const c = optClosure(a, 0);
    for (const x of l) if (c ? truthy(await e.call(c, [x])) : truthy(x)) return true;
    return false;
  },
  every: async (l, a, e) => {
    const c = optClosure(a, 0);
    for (const x of l) if (!(c ? truthy(await e.call(c, [x])) : truthy(x))) return false;
    return true;
  },
  count: async (l, a, e) => {
    const c = optClosure(a, 0);
    let n = 0;
    for (const x of l) if (c ? truthy(await e.call(c, [x])) : groovyEquals(x, a[0] ?? null)) n++;
    return n;
  },
  inject: async (l, a, e) => {
    const c = closureArg(a, a.length - 1, e, 'inject');
    let acc: Value = a.length > 1 ? (a[0] ?? null) : (l[0] ?? null);
    for (const x of a.length > 1 ? l : l.slice(1)) acc = await e.call(c, [acc, x]);
    return acc;
  },
  join: (l, a, e) => l.map(toStr).join(a.length > 0 ? strArg(a, 0, e, 'join') : ''),
  contains: (l, a) => l.some((x) => groovyEquals(x, a[0] ?? null)),
  containsAll: (l, a, e) => listArg(a, 0, e).every((y) => l.some((x) => groovyEquals(x, y))),
  indexOf: (l, a) => l.findIndex((x) => groovyEquals(x, a[0] ?? null)),
  lastIndexOf: (l, a) => l.findLastIndex((x) => groovyEquals(x, a[0] ?? null)),
  get: (l, a, e) => l[numArg(a, 0, e, 'get')] ?? null,
  getAt: (l, a, e) => l[normIndex(numArg(a, 0, e, 'getAt'), l.length)] ?? null,
  first: (l, _a, e) => nonEmpty(l, e, 'first')[0] ?? null,
  head: (l, _a, e) => nonEmpty(l, e, 'head')[0] ?? null,
  last: (l, _a, e) => nonEmpty(l, e, 'last')[l.length - 1] ?? null,
  tail: (l) => l.slice(1),
  init: (l) => l.slice(0, -1),
  take: (l, a, e) => l.slice(0, Math.max(0, numArg(a, 0, e, 'take'))),
  drop: (l, a, e) => l.slice(Math.max(0, numArg(a, 0, e, 'drop'))),
  takeRight: (l, a, e) => l.slice(Math.max(0, l.length - numArg(a, 0, e, 'takeRight'))),
  subList: (l, a, e) => l.slice(numArg(a, 0, e, 'subList'), numArg(a, 1, e, 'subList')),
  add: (l, a, e) => {
    if (a.length > 1) l.splice(numArg(a, 0, e, 'add'), 0, a[1] ?? null);
    else l.push(argAt(a, 0, e, 'add'));
    return true;
  },
  leftShift: (l, a) => (l.push(a[0] ?? null), l),
  push: (l, a) => (l.push(a[0] ?? null), true),
  pop: (l, _a, e) => nonEmpty(l, e, 'pop').pop() ?? null,
  addAll: (l, a, e) => (l.push(...listArg(a, 0, e)), true),
  set: (l, a, e) => {
    const i = numArg(a, 0, e, 'set');
    const old = l[i] ?? null;
    l[i] = a[1] ?? null;
    return old;
  },
  remove: (l, a, e) => removeFrom(l, argAt(a, 0, e, 'remove')),
  removeAll: (l, a, e) => removeWhere(l, (x) => listArg(a, 0, e).some((y) => groovyEquals(x, y))),
  retainAll: (l, a, e) => removeWhere(l, (x) => !listArg(a, 0, e).some((y) => groovyEquals(x, y))),
  clear: (l) => (l.splice(0), null),
  plus: (l, a) => binary('+', l, a[0] ?? null, SPAN_NONE),
  minus: (l, a) => binary('-', l, a[0] ?? null, SPAN_NONE),
  intersect: (l, a, e) => l.filter((x) => listArg(a, 0, e).some((y) => groovyEquals(x, y))),
  disjoint: (l, a, e) => !l.some((x) => listArg(a, 0, e).some((y) => groovyEquals(x, y))),
  reverse: (l) => [...l].reverse(),
  flatten: (l) => flatten(l),
  unique: async (l, a, e) =>
    replaceContents(l, await uniqueOf(l, optClosure(a, 0), e), a[0] !== false),
  toUnique: async (l, a, e) => uniqueOf(l, optClosure(a, 0), e),
  toSet: async (l, _a, e) => uniqueOf(l, undefined, e),
  sort: async (l, a, e) => {
    const mutate = a[0] !== false;
    const sorted = await sortList(l, optClosure(a, a.length - 1), e);
    return replaceContents(l, sorted, mutate);
  },
  toSorted: async (l, a, e) => sortList(l, optClosure(a, 0), e),
  max: async (l, a, e) => extreme(l, optClosure(a, 0), e, 1),
  min: async (l, a, e) => extreme(l, optClosure(a, 0), e, -1),
  sum: async (l, a, e) => {
    const c = optClosure(a, a.length - 1);
    const hasInitial = c ? a.length > 1 : a.length > 0;
    const items = c ? await mapAll(l, c, e) : l;
    let acc: Value = hasInitial ? (a[0] ?? null) : null;
    let started = hasInitial;
    for (const x of items) {
      acc = started ? binary('+', acc, x, e.span) : x;
      started = true;
    }
    return acc;
  },
  groupBy: async (l, a, e) => {
    const c = closureArg(a, 0, e, 'groupBy');
    const out = new Map<Value, Value>();
    for (const x of l) {
      const k = await e.call(c, [x]);
      const bucket = out.get(k);
      if (Array.isArray(bucket)) bucket.push(x);
      else out.set(k, [x]);
    }
    return out;
  },
  countBy: async (l, a, e) => {
    const c = closureArg(a, 0, e, 'countBy');
    const out = new Map<Value, Value>();
    for (const x of l) {
      const k = await e.call(c, [x]);
      out.set(k, ((out.get(k) as number | undefined) ?? 0) + 1);
    }
    return out;
  },
  split: async (l, a, e) => {
    const c = closureArg(a, 0, e, 'split');
    const yes: Value[] = [];
    const no: Value[] = [];
    for (const x of l) (truthy(await e.call(c, [x])) ? yes : no).push(x);
    return [yes, no];
  },
  withIndex: (l) => l.map((x, i) => [x, i]),
  indexed: (l) => new Map(l.map((x, i) => [i, x])),
  collate: (l, a, e) => {
    const n = Math.max(1, numArg(a, 0, e, 'collate'));
    const out: Value[] = [];
    for (let i = 0; i < l.length; i += n) out.push(l.slice(i, i + n));
    return out;
  },
  equals: (l, a) => groovyEquals(l, a[0] ?? null),
  clone: (l) => [...l],
  asImmutable: (l) => l,
};

const SPAN_NONE = { file: '', line: 0, col: 0, endLine: 0, endCol: 0, offset: 0, end: 0 };

async function mapAll(l: L, c: GClosure, e: MethodEnv): Promise<Value[]> {
  const out: Value[] = [];
  for (const x of [...l]) out.push(await e.call(c, [x]));
  return out;
}

async function filterAll(l: L, c: GClosure | undefined, e: MethodEnv): Promise<Value[]> {
  const out: Value[] = [];
  for (const x of l) if (c ? truthy(await e.call(c, [x])) : truthy(x)) out.push(x);
  return out;
}

async function collectEntries(l: L, c: GClosure | undefined, e: MethodEnv): Promise<Value> {
  const out = new Map<Value, Value>();
  for (const x of l) {
    const pair = c ? await e.call(c, [x]) : x;
    if (Array.isArray(pair) && pair.length === 2) out.set(pair[0] ?? null, pair[1] ?? null);
    else if (pair instanceof Map) for (const [k, v] of pair) out.set(k, v);
    else
      throw new ScriptError(
        'collectEntries: the closure must return [key, value] or a map',
        e.span,
      );
  }
  return out;
}

function listArg(a: Value[], i: number, e: MethodEnv): Value[] {
  const v = argAt(a, i, e, 'list argument');
  return Array.isArray(v) ? v : [v];
}

function nonEmpty(l: L, e: MethodEnv, what: string): L {
  if (l.length === 0) {
    throw new ScriptError(
      `Cannot access ${what}() element from an empty List`,
      e.span,
      'java.util.NoSuchElementException',
    );
  }
  return l;
}

/** Java's `List.remove`: an integer removes by index, anything else by value. */
function removeFrom(l: L, what: Value): Value {
  if (typeof what === 'number' && Number.isInteger(what)) {
    return what >= 0 && what < l.length ? (l.splice(what, 1)[0] ?? null) : null;
  }
  const i = l.findIndex((x) => groovyEquals(x, what));
  if (i < 0) return false;
  l.splice(i, 1);
  return true;
}

function removeWhere(l: L, pred: (x: Value) => boolean): boolean {
  const keep = l.filter((x) => !pred(x));
  const changed = keep.length !== l.length;
  l.splice(0, l.length, ...keep);
  return changed;
}

function replaceContents(l: L, next: L, mutate: boolean): L {
  if (!mutate) return next;
  l.splice(0, l.length, ...next);
  return l;
}

function flatten(l: L): Value[] {
  return l.flatMap((x) => (Array.isArray(x) ? flatten(x) : [x]));
}

async function uniqueOf(l: L, c: GClosure | undefined, e: MethodEnv): Promise<Value[]> {
  const out: Value[] = [];
  const keys: Value[] = [];
  for (const x of l) {
    const k = c && c.arity === 1 ? await e.call(c, [x]) : x;
    if (!keys.some((y) => groovyEquals(y, k))) {
      keys.push(k);
      out.push(x);
    }
  }
  return out;
}

async function sortList(l: L, c: GClosure | undefined, e: MethodEnv): Promise<Value[]> {
  const items = [...l];
  const keyed: Array<{ x: Value; k: Value }> = [];
  if (c && c.arity === 1) for (const x of items) keyed.push({ x, k: await e.call(c, [x]) });
  else for (const x of items) keyed.push({ x, k: x });
  if (c && c.arity === 2)
    return mergeSort(items, async (a, b) => Number(await e.call(c, [a, b])), e);
  return keyed.sort((a, b) => orderOf(a.k, b.k, e)).map((p) => p.x);
}

function orderOf(a: Value, b: Value, e: MethodEnv): number {
  const c = groovyCompare(a, b);
  if (c === undefined)
    throw new ScriptError(
      `Cannot compare ${toStr(a)} with ${toStr(b)}`,
      e.span,
      'java.lang.ClassCastException',
    );
  return c;
}

/** A stable sort whose comparator is an async closure. */
async function mergeSort(
  items: Value[],
  cmp: (a: Value, b: Value) => Promise<number>,
  e: MethodEnv,
): Promise<Value[]> {
  if (items.length < 2) return items;
  const mid = Math.floor(items.length / 2);
  const left = await mergeSort(items.slice(0, mid), cmp, e);
  const right = await mergeSort(items.slice(mid), cmp, e);
  const out: Value[] = [];
  while (left.length > 0 && right.length > 0) {
    out.push(
      (await cmp(left[0] ?? null, right[0] ?? null)) <= 0
        ? (left.shift() ?? null)
        : (right.shift() ?? null),
    );
  }
  return [...out, ...left, ...right];
}

async function extreme(l: L, c: GClosure | undefined, e: MethodEnv, sign: 1 | -1): Promise<Value> {
  let best: Value = null;
  let bestKey: Value = null;
  let first = true;
  for (const x of l) {
    const k = c ? await e.call(c, [x]) : x;
    if (first || orderOf(k, bestKey, e) * sign > 0) {
      best = x;
      bestKey = k;
      first = false;
    }
  }
  return best;
}
