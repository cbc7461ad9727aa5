/**
 * Typed access to YAML nodes. Each reader returns the value or, after
 * recording a located diagnostic, `undefined`; callers skip what is missing
 * and keep going so that one pass reports every problem.
 */
import { Scalar, isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { Ctx } from './context.ts';
import { suggest as closest } from '../diagnostics/suggest.ts';

export interface Entry {
  key: string;
  keyNode: Node;
  /** Aliases already followed; an empty value (`key:`) is a null scalar. */
  value: Node;
  pair: Pair;
}
export type Fields<K extends string> = Partial<Record<K, Entry>>;

export function describe(node: Node): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'nothing';
    if (typeof v === 'string') return 'a string';
    if (typeof v === 'boolean') return v ? '`true`' : '`false`';
    if (typeof v === 'number') return 'a number';
  }
  return 'something else';
}

export function wrongType(ctx: Ctx, node: Node, what: string, expected: string): undefined {
  return ctx.error('wrong-type', `${what} must be ${expected}, not ${describe(node)}`, node);
}

export function asMap(ctx: Ctx, node: Node, what: string): YAMLMap | undefined {
  return isMap(node) ? node : wrongType(ctx, node, what, 'a mapping');
}

/** The entries of a mapping in file order, with `<<: *anchor` merge keys applied. */
export function entries(ctx: Ctx, map: YAMLMap): Entry[] {
  const cached = ctx.memo.get(map) as Entry[] | undefined;
  if (cached) return cached;
  const result = readEntries(ctx, map);
  ctx.memo.set(map, result);
  return result;
}

function readEntries(ctx: Ctx, map: YAMLMap): Entry[] {
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      ctx.error('wrong-type', 'keys must be plain words', keyNode ?? pair);
      continue;
    }
    const value = ctx.resolve((pair.value as Node | null) ?? null);
    if (value === undefined) continue;
    const key = String(keyNode.value);
    const entry = { key, keyNode, value: value ?? emptyValue(keyNode), pair };
    if (key === '<<' && keyNode.type === 'PLAIN') merged.push(...mergeSources(ctx, entry));
    else own.push(entry);
  }
  const seen = new Set(own.map((e) => e.key));
  return [...own, ...merged.filter((e) => !seen.has(e.key) && seen.add(e.key))];
}

function mergeSources(ctx: Ctx, merge: Entry): Entry[] {
  const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
  return sources.flatMap((item) => {
    const node = ctx.resolve(item as Node);
    if (!node) return [];
    return isMap(node) ? entries(ctx, node) : (wrongType(ctx, node, '`<<`', 'a mapping') ?? []);
  });
}

/** `? key` without a value: an empty scalar right after the key, like `key:`. */
function emptyValue(keyNode: Node): Node {
  const end = keyNode.range?.[1] ?? 0;
  const empty = new Scalar(null);
  empty.range = [end, end, end];
  return empty;
}

/**
 * The known keys of a mapping; unknown keys are reported with a suggestion.
 * `what` names the mapping in messages ("stage", "`options`").
 */
export function fields<K extends string>(
  ctx: Ctx,
  node: Node,
  keys: readonly K[],
  what: string,
): Fields<K> | undefined {
  const map = asMap(ctx, node, what);
  if (!map) return undefined;
  const known = new Set<string>(keys);
  const out: Fields<K> = {};
  for (const entry of entries(ctx, map)) {
    if (known.has(entry.key)) out[entry.key as K] = entry;
    else unknownKey(ctx, entry, keys, what);
  }
  return out;
}

export function unknownKey(ctx: Ctx, entry: Entry, keys: readonly string[], what: string): void {
  const guess = closest(entry.key, keys);
  const notes = guess
    ? [`did you mean \`${guess}\`?`]
    : [`expected one of: ${keys.map((k) => `\`${k}\``).join(', ')}`];
  ctx.error('unknown-key', `unknown key \`${entry.key}\` in ${what}`, entry.keyNode, notes);
}

// ---------------------------------------------------------------- scalars

/** A string; a number or boolean is taken as written (`1.10` stays `1.10`). */
export function readString(ctx: Ctx, node: Node, what: string): string | undefined {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean')) {
    return ctx.sourceText(node);
  }
  return wrongType(ctx, node, what, 'a string');
}

export function readBool(ctx: Ctx, node: Node, what: string): boolean | undefined {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  return wrongType(ctx, node, what, '`true` or `false`');
}

export function readNumber(
  ctx: Ctx,
  node: Node,
  what: string,
  opts: { integer?: boolean; min?: number } = {},
): number | undefined {
  const expected = opts.integer ? 'a whole number' : 'a number';
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) return wrongType(ctx, node, what, expected);
  if (opts.integer && !Number.isInteger(v)) return wrongType(ctx, node, what, expected);
  if (opts.min !== undefined && v < opts.min) {
    return ctx.error('invalid-value', `${what} must be at least ${opts.min}`, node);
  }
  return v;
}

/** The items of a list, aliases followed. */
export function readSeq(ctx: Ctx, node: Node, what: string): Node[] | undefined {
  if (!isSeq(node)) return wrongType(ctx, node, what, 'a list');
  const out: Node[] = [];
  for (const item of node.items) {
    const resolved = ctx.resolve(item as Node | null);
    if (resolved) out.push(resolved);
    else if (resolved === null) ctx.error('wrong-type', `${what} has an empty item`, node);
  }
  return out;
}

/** A list of strings; a single string stands for a list of one. */
export function readStrings(ctx: Ctx, node: Node, what: string): string[] | undefined {
  if (isScalar(node)) {
    const one = readString(ctx, node, what);
    return one === undefined ? undefined : [one];
  }
  const items = readSeq(ctx, node, what);
  if (!items) return undefined;
  const out: string[] = [];
  for (const item of items) {
    const s = readString(ctx, item, `each item of ${what}`);
    if (s !== undefined) out.push(s);
  }
  return out.length === items.length ? out : undefined;
}

/** One of a fixed set of words, with a suggestion when it is not. */
export function readEnum<T extends string>(
  ctx: Ctx,
  node: Node,
  what: string,
  allowed: readonly T[],
): T | undefined {
  const s = readString(ctx, node, what);
  if (s === undefined) return undefined;
  if ((allowed as readonly string[]).includes(s)) return s as T;
  const guess = closest(s, allowed);
  const list = allowed.map((a) => `\`${a}\``).join(', ');
  return ctx.error(
    'invalid-value',
    `${what} must be one of ${list}, not \`${s}\``,
    node,
    guess ? [`did you mean \`${guess}\`?`] : undefined,
  );
}

export function isNull(node: Node): boolean {
  return isScalar(node) && (node.value === null || node.value === undefined);
}

/** Drops `undefined` fields, so models compare equal whichever front end built them. */
export function compact<const T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
