/**
 * `when { }`: conditions (implicitly all of them), nested `not`/`allOf`/
 * `anyOf`, and the `beforeAgent`/`beforeInput`/`beforeOptions` flags.
 */
import type { Comparator, When, WhenCondition } from '../../model/pipeline.ts';
import type { LowerContext } from './context.ts';
import { directivesOf, type Directive } from './directives.ts';
import { arg, quotedString, boolValue, checkArgs, stringValue } from './values.ts';

const FLAGS = ['beforeAgent', 'beforeInput', 'beforeOptions'] as const;
export const WHEN_CONDITIONS = [
  'branch',
  'tag',
  'buildingTag',
  'environment',
  'equals',
  'expression',
  'changeset',
  'changelog',
  'changeRequest',
  'triggeredBy',
  'not',
  'allOf',
  'anyOf',
] as const;
const CHANGE_REQUEST_FILTERS = [
  'id',
  'target',
  'branch',
  'fork',
  'url',
  'title',
  'author',
  'authorDisplayName',
  'authorEmail',
];

export function lowerWhen(ctx: LowerContext, d: Directive): When {
  const when: When = {
    conditions: [],
    beforeAgent: false,
    beforeInput: false,
    beforeOptions: false,
    span: d.span,
  };
  for (const c of directivesOf(ctx, d.block, 'in `when`')) {
    if ((FLAGS as readonly string[]).includes(c.name)) {
      const v = c.args.length === 1 ? boolValue(ctx, c.args[0]!.value, `\`${c.name}\``) : undefined;
      if (c.args.length !== 1)
        ctx.error('missing-argument', `\`${c.name}\` takes \`true\` or \`false\``, c.span);
      when[c.name as (typeof FLAGS)[number]] = v ?? false;
      continue;
    }
    const cond = lowerCondition(ctx, c);
    if (cond) when.conditions.push(cond);
  }
  // Conditions that failed to lower were reported already.
  if ((d.block?.body.length ?? 0) === 0)
    ctx.error('empty-when', '`when` needs at least one condition', d.span);
  return when;
}

function lowerCondition(ctx: LowerContext, c: Directive): WhenCondition | undefined {
  switch (c.name) {
    case 'branch':
    case 'tag':
      return patternCondition(ctx, c, c.name);
    case 'buildingTag':
      checkArgs(ctx, c, [], 0);
      return { kind: 'buildingTag', span: c.span };
    case 'environment':
      return environmentCondition(ctx, c);
    case 'equals':
      return equalsCondition(ctx, c);
    case 'expression':
      if (!c.block || c.args.length > 0)
        ctx.error('missing-block', '`expression` takes a block: `expression { return … }`', c.span);
      return { kind: 'expression', body: c.block?.body ?? [], span: c.span };
    case 'changeset':
      return changesetCondition(ctx, c);
    case 'changelog': {
      checkArgs(ctx, c, ['pattern'], 1);
      const p = arg(c, 'pattern', 0);
      return {
        kind: 'changelog',
        pattern: (p && stringValue(ctx, p.value, 'the changelog pattern')) ?? '',
        span: c.span,
      };
    }
    case 'changeRequest':
      return changeRequestCondition(ctx, c);
    case 'triggeredBy':
      return triggeredByCondition(ctx, c);
    case 'not':
    case 'allOf':
    case 'anyOf':
      return nestedCondition(ctx, c, c.name);
  }
  ctx.unknown(
    'unknown-when-condition',
    `\`${c.name}\` is not a \`when\` condition`,
    c.name,
    [...WHEN_CONDITIONS, ...FLAGS],
    c.nameSpan,
  );
  return undefined;
}

function comparatorOf(ctx: LowerContext, c: Directive, fallback: Comparator): Comparator {
  const a = arg(c, 'comparator');
  if (!a) return fallback;
  const v = a.value.kind === 'str' ? a.value.value.toUpperCase() : '';
  if (v === 'EQUALS' || v === 'GLOB' || v === 'REGEXP') return v;
  ctx.unknown(
    'invalid-value',
    '`comparator` must be `EQUALS`, `GLOB` or `REGEXP`',
    v,
    ['EQUALS', 'GLOB', 'REGEXP'],
    a.span,
  );
  return fallback;
}

function patternCondition(ctx: LowerContext, c: Directive, kind: 'branch' | 'tag'): WhenCondition {
  checkArgs(ctx, c, ['pattern', 'comparator'], 1);
  const p = arg(c, 'pattern', 0);
  if (!p && kind === 'branch') ctx.error('missing-argument', '`branch` needs a pattern', c.span);
  const pattern = (p && quotedString(ctx, p.value, `the \`${kind}\` pattern`)) ?? '';
  return { kind, pattern, comparator: comparatorOf(ctx, c, 'GLOB'), span: c.span };
}

function environmentCondition(ctx: LowerContext, c: Directive): WhenCondition | undefined {
  checkArgs(ctx, c, ['name', 'value', 'ignoreCase', 'comparator'], 0);
  const name = arg(c, 'name');
  const value = arg(c, 'value');
  if (!name || !value) {
    ctx.error(
      'missing-argument',
      "`environment` needs `name:` and `value:` (`environment name: 'DEPLOY', value: 'true'`)",
      c.span,
    );
    return undefined;
  }
  const ignoreCase = arg(c, 'ignoreCase');
  return {
    kind: 'environment',
    name: stringValue(ctx, name.value, 'the variable name') ?? '',
    value: stringValue(ctx, value.value, 'the value') ?? '',
    ignoreCase: ignoreCase ? (boolValue(ctx, ignoreCase.value, '`ignoreCase`') ?? false) : false,
    comparator: comparatorOf(ctx, c, 'EQUALS'),
    span: c.span,
  };
}

function equalsCondition(ctx: LowerContext, c: Directive): WhenCondition | undefined {
  checkArgs(ctx, c, ['expected', 'actual'], 0);
  const expected = arg(c, 'expected');
  const actual = arg(c, 'actual');
  if (!expected || !actual) {
    ctx.error('missing-argument', '`equals` needs `expected:` and `actual:`', c.span);
    return undefined;
  }
  return { kind: 'equals', expected: expected.value, actual: actual.value, span: c.span };
}

function changesetCondition(ctx: LowerContext, c: Directive): WhenCondition {
  checkArgs(ctx, c, ['pattern', 'comparator', 'caseSensitive'], 1);
  const p = arg(c, 'pattern', 0);
  if (!p) ctx.error('missing-argument', '`changeset` needs a pattern', c.span);
  const cs = arg(c, 'caseSensitive');
  return {
    kind: 'changeset',
    pattern: (p && stringValue(ctx, p.value, 'the changeset pattern')) ?? '',
    comparator: comparatorOf(ctx, c, 'GLOB'),
    caseSensitive: cs ? (boolValue(ctx, cs.value, '`caseSensitive`') ?? false) : false,
    span: c.span,
  };
}

function changeRequestCondition(ctx: LowerContext, c: Directive): WhenCondition {
  checkArgs(ctx, c, [...CHANGE_REQUEST_FILTERS, 'comparator'], 0);
  const filters: Array<{ name: string; value: string }> = [];
  for (const a of c.args) {
    if (a.name === undefined || a.name === 'comparator' || !CHANGE_REQUEST_FILTERS.includes(a.name))
      continue;
    filters.push({ name: a.name, value: stringValue(ctx, a.value, `\`${a.name}\``) ?? '' });
  }
  return {
    kind: 'changeRequest',
    filters,
    comparator: comparatorOf(ctx, c, 'EQUALS'),
    span: c.span,
  };
}

function triggeredByCondition(ctx: LowerContext, c: Directive): WhenCondition | undefined {
  checkArgs(ctx, c, ['cause', 'detail'], 1);
  const cause = arg(c, 'cause', 0);
  const value = cause && stringValue(ctx, cause.value, 'the cause');
  if (value === undefined) {
    if (!cause)
      ctx.error('missing-argument', "`triggeredBy` needs a cause such as `'TimerTrigger'`", c.span);
    return undefined;
  }
  const cond: WhenCondition = { kind: 'triggeredBy', cause: value, span: c.span };
  const detail = arg(c, 'detail');
  if (detail) cond.detail = stringValue(ctx, detail.value, 'the detail') ?? '';
  return cond;
}

function nestedCondition(
  ctx: LowerContext,
  c: Directive,
  kind: 'not' | 'allOf' | 'anyOf',
): WhenCondition | undefined {
  if (c.args.length > 0) {
    ctx.error(
      'unexpected-argument',
      `\`${kind}\` takes only a block of conditions`,
      c.args[0]!.span,
    );
  }
  if (!c.block) {
    ctx.error(
      'missing-block',
      `\`${kind}\` takes a block of conditions: \`${kind} { … }\``,
      c.span,
    );
    return undefined;
  }
  const inner: WhenCondition[] = [];
  for (const d of directivesOf(ctx, c.block, `in \`${kind}\``)) {
    const cond = lowerCondition(ctx, d);
    if (cond) inner.push(cond);
  }
  if (kind !== 'not') {
    if (c.block.body.length === 0)
      ctx.error('empty-when', `\`${kind}\` needs at least one condition`, c.span);
    return { kind, conditions: inner, span: c.span };
  }
  if (inner.length !== 1) {
    ctx.error(
      'invalid-when',
      '`not` takes exactly one condition; use `not { anyOf { … } }` for several',
      c.span,
    );
    return undefined;
  }
  return { kind: 'not', condition: inner[0]!, span: c.span };
}
