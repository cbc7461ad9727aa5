/**
 * `when:` — a mapping of conditions that must all hold, plus the
 * `beforeAgent`/`beforeInput`/`beforeOptions` flags. `not` takes one
 * condition; `allOf`/`anyOf` take a list (an item with several keys is their
 * conjunction) or a mapping of conditions. Patterns match as in Jenkins:
 * branch, tag and changeset by glob, environment and changeRequest exactly.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { Comparator, When, WhenCondition } from '../model/pipeline.ts';
import type { Span } from '../model/span.ts';
import type { Ctx } from './context.ts';
import { CHANGE_REQUEST_FILTERS, CONDITION_KEYS, WhenFormat, keysAt, keysOf } from './format.ts';
import type { Entry } from './read.ts';
import {
  asMap,
  entries,
  fields,
  readBool,
  readEnum,
  readSeq,
  readString,
  unknownKey,
} from './read.ts';
import { parseGroovyIn } from './script.ts';
import { valueExpr } from './values.ts';

const WHEN_KEYS = keysOf(WhenFormat);
const COMPARATORS = ['EQUALS', 'GLOB', 'REGEXP'] as const;
const PATTERN_KEYS = keysAt(WhenFormat, ['branch'], ['pattern', 'comparator']);
const CHANGESET_KEYS = keysAt(
  WhenFormat,
  ['changeset'],
  ['pattern', 'comparator', 'caseSensitive'],
);
const ENVIRONMENT_KEYS = keysAt(
  WhenFormat,
  ['environment'],
  ['name', 'value', 'ignoreCase', 'comparator'],
);
const EQUALS_KEYS = keysAt(WhenFormat, ['equals'], ['expected', 'actual']);
const CHANGE_REQUEST_KEYS = keysAt(
  WhenFormat,
  ['changeRequest'],
  [...CHANGE_REQUEST_FILTERS, 'comparator'],
);
const TRIGGERED_BY_KEYS = keysAt(WhenFormat, ['triggeredBy'], ['cause', 'detail']);

export function readWhen(ctx: Ctx, node: Node): When | undefined {
  const f = fields(ctx, node, WHEN_KEYS, '`when`');
  if (!f) return undefined;
  const flag = (e: Entry | undefined) =>
    e ? (readBool(ctx, e.value, `\`${e.key}\``) ?? false) : false;
  const conditions = inOrder(f, CONDITION_KEYS).flatMap((e) => readCondition(ctx, e) ?? []);
  if (conditions.length === 0 && inOrder(f, CONDITION_KEYS).length === 0) {
    ctx.error('missing-key', '`when` needs at least one condition', node);
  }
  return {
    conditions,
    beforeAgent: flag(f.beforeAgent),
    beforeInput: flag(f.beforeInput),
    beforeOptions: flag(f.beforeOptions),
    span: ctx.span(node),
  };
}

function inOrder<K extends string>(f: Partial<Record<K, Entry>>, keys: readonly K[]): Entry[] {
  return keys.flatMap((k) => f[k] ?? []).sort((a, b) => offset(a) - offset(b));
}
const offset = (e: Entry) => e.keyNode.range?.[0] ?? 0;

/** The conditions of a mapping such as `{branch: main, tag: v*}`. */
function readConditionMap(ctx: Ctx, node: Node, what: string): WhenCondition[] | undefined {
  const map = asMap(ctx, node, what);
  if (!map) return undefined;
  const out: WhenCondition[] = [];
  let ok = true;
  for (const e of entries(ctx, map)) {
    if (!(CONDITION_KEYS as readonly string[]).includes(e.key)) {
      unknownKey(ctx, e, CONDITION_KEYS, what);
      ok = false;
      continue;
    }
    const c = readCondition(ctx, e);
    if (c) out.push(c);
    else ok = false;
  }
  if (ok && out.length === 0) return ctx.error('missing-key', `${what} needs a condition`, node);
  return ok ? out : undefined;
}

function readCondition(ctx: Ctx, e: Entry): WhenCondition | undefined {
  const span = ctx.span(e.pair);
  const reader = CONDITIONS[e.key];
  return reader ? reader(ctx, e.value, span) : undefined;
}

type ConditionReader = (ctx: Ctx, node: Node, span: Span) => WhenCondition | undefined;

const CONDITIONS: Record<string, ConditionReader> = {
  branch: (ctx, node, span) => patternCondition(ctx, node, span, 'branch'),
  tag: (ctx, node, span) => patternCondition(ctx, node, span, 'tag'),
  buildingTag: (ctx, node, span) =>
    negatable(readBool(ctx, node, '`buildingTag`'), { kind: 'buildingTag', span }),
  environment(ctx, node, span) {
    const f = fields(ctx, node, ENVIRONMENT_KEYS, '`environment`');
    if (!f) return undefined;
    if (!f.name || !f.value)
      return ctx.error('missing-key', '`environment` needs `name` and `value`', node);
    const name = readString(ctx, f.name.value, '`name`');
    const value = readString(ctx, f.value.value, '`value`');
    const ignoreCase = f.ignoreCase ? readBool(ctx, f.ignoreCase.value, '`ignoreCase`') : false;
    const comparator = readComparator(ctx, f.comparator, 'EQUALS');
    if (name === undefined || value === undefined || ignoreCase === undefined || !comparator)
      return undefined;
    return { kind: 'environment', name, value, ignoreCase, comparator, span };
  },
  equals(ctx, node, span) {
    const f = fields(ctx, node, EQUALS_KEYS, '`equals`');
    if (!f) return undefined;
    if (!f.expected || !f.actual)
      return ctx.error('missing-key', '`equals` needs `expected` and `actual`', node);
    const expected = valueExpr(ctx, f.expected.value, '`expected`');
    const actual = valueExpr(ctx, f.actual.value, '`actual`');
    return expected && actual ? { kind: 'equals', expected, actual, span } : undefined;
  },
  expression(ctx, node, span) {
    const body = parseGroovyIn(ctx, node, '`expression`');
    return body && { kind: 'expression', body, span };
  },
  changeset(ctx, node, span) {
    if (isScalar(node)) {
      const pattern = readString(ctx, node, '`changeset`');
      return pattern === undefined
        ? undefined
        : { kind: 'changeset', pattern, comparator: 'GLOB', caseSensitive: false, span };
    }
    const f = fields(ctx, node, CHANGESET_KEYS, '`changeset`');
    if (!f) return undefined;
    if (!f.pattern) return ctx.error('missing-key', '`changeset` needs `pattern`', node);
    const pattern = readString(ctx, f.pattern.value, '`pattern`');
    const comparator = readComparator(ctx, f.comparator, 'GLOB');
    const caseSensitive = f.caseSensitive
      ? readBool(ctx, f.caseSensitive.value, '`caseSensitive`')
      : false;
    if (pattern === undefined || !comparator || caseSensitive === undefined) return undefined;
    return { kind: 'changeset', pattern, comparator, caseSensitive, span };
  },
  changelog(ctx, node, span) {
    const pattern = readString(ctx, node, '`changelog`');
    return pattern === undefined ? undefined : { kind: 'changelog', pattern, span };
  },
  changeRequest(ctx, node, span) {
    if (!isMap(node)) {
      return negatable(readBool(ctx, node, '`changeRequest`'), {
        kind: 'changeRequest',
        filters: [],
        comparator: 'EQUALS',
        span,
      });
    }
    const f = fields(ctx, node, CHANGE_REQUEST_KEYS, '`changeRequest`');
    if (!f) return undefined;
    const comparator = readComparator(ctx, f.comparator, 'EQUALS');
    const filters = inOrder(f, CHANGE_REQUEST_FILTERS).map((e) => ({
      name: e.key,
      value: readString(ctx, e.value, `\`${e.key}\``),
    }));
    if (!comparator || filters.some((x) => x.value === undefined)) return undefined;
    return {
      kind: 'changeRequest',
      filters: filters as Array<{ name: string; value: string }>,
      comparator,
      span,
    };
  },
  triggeredBy(ctx, node, span) {
    if (isScalar(node)) {
      const cause = readString(ctx, node, '`triggeredBy`');
      return cause === undefined ? undefined : { kind: 'triggeredBy', cause, span };
    }
    const f = fields(ctx, node, TRIGGERED_BY_KEYS, '`triggeredBy`');
    if (!f) return undefined;
    if (!f.cause) return ctx.error('missing-key', '`triggeredBy` needs `cause`', node);
    const cause = readString(ctx, f.cause.value, '`cause`');
    const detail = f.detail && readString(ctx, f.detail.value, '`detail`');
    if (cause === undefined || (f.detail && detail === undefined)) return undefined;
    return detail === undefined
      ? { kind: 'triggeredBy', cause, span }
      : { kind: 'triggeredBy', cause, detail, span };
  },
  not(ctx, node, span) {
    const inner = readConditionMap(ctx, node, '`not`');
    if (!inner) return undefined;
    if (inner.length > 1) {
      return ctx.error('invalid-value', '`not` takes one condition', node, [
        'to negate several, write `not: {allOf: [...]}`',
      ]);
    }
    return { kind: 'not', condition: inner[0]!, span };
  },
  allOf: (ctx, node, span) => group(ctx, node, span, 'allOf'),
  anyOf: (ctx, node, span) => group(ctx, node, span, 'anyOf'),
};

function patternCondition(
  ctx: Ctx,
  node: Node,
  span: Span,
  kind: 'branch' | 'tag',
): WhenCondition | undefined {
  if (isScalar(node)) {
    const pattern = readString(ctx, node, `\`${kind}\``);
    return pattern === undefined ? undefined : { kind, pattern, comparator: 'GLOB', span };
  }
  const f = fields(ctx, node, PATTERN_KEYS, `\`${kind}\``);
  if (!f) return undefined;
  if (!f.pattern) return ctx.error('missing-key', `\`${kind}\` needs \`pattern\``, node);
  const pattern = readString(ctx, f.pattern.value, '`pattern`');
  const comparator = readComparator(ctx, f.comparator, 'GLOB');
  return pattern === undefined || !comparator ? undefined : { kind, pattern, comparator, span };
}

function readComparator(
  ctx: Ctx,
  e: Entry | undefined,
  fallback: Comparator,
): Comparator | undefined {
  return e ? readEnum(ctx, e.value, '`comparator`', COMPARATORS) : fallback;
}

/** `buildingTag: false` means "not building a tag". */
function negatable(
  value: boolean | undefined,
  condition: WhenCondition,
): WhenCondition | undefined {
  if (value === undefined) return undefined;
  return value ? condition : { kind: 'not', condition, span: condition.span };
}

function group(
  ctx: Ctx,
  node: Node,
  span: Span,
  kind: 'allOf' | 'anyOf',
): WhenCondition | undefined {
  if (!isSeq(node)) {
    const conditions = readConditionMap(ctx, node, `\`${kind}\``);
    return conditions && { kind, conditions, span };
  }
  const items = readSeq(ctx, node, `\`${kind}\``);
  if (!items) return undefined;
  if (items.length === 0)
    return ctx.error('missing-key', `\`${kind}\` needs at least one condition`, node);
  const conditions = items.map((item) => {
    const inner = readConditionMap(ctx, item, `each item of \`${kind}\``);
    if (!inner) return undefined;
    return inner.length === 1
      ? inner[0]!
      : ({ kind: 'allOf', conditions: inner, span: ctx.span(item) } as const);
  });
  if (conditions.some((c) => !c)) return undefined;
  return { kind, conditions: conditions as WhenCondition[], span };
}
