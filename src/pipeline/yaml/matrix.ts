/**
 * One entry of `matrix.excludes`: a mapping from axis name to the values to
 * exclude — a value, a list, `{values: [...]}` or `{notValues: [...]}`. A cell
 * is excluded when it matches every axis of the entry.
 */
import { isMap } from 'yaml';
import type { Node } from 'yaml';
import type { MatrixExclude } from '../model/pipeline.ts';
import type { Ctx } from './context.ts';
import { MatrixFormat, keysAt } from './format.ts';
import type { Entry } from './read.ts';
import { asMap, entries, fields, readStrings } from './read.ts';
import { suggest as closest } from '../diagnostics/suggest.ts';

const EXCLUDE_FORMS = [
  ...keysAt(MatrixFormat, ['excludes'], ['values']),
  ...keysAt(MatrixFormat, ['excludes'], ['notValues']),
];

export function readExclude(
  ctx: Ctx,
  node: Node,
  axes: ReadonlySet<string>,
): MatrixExclude | undefined {
  const map = asMap(ctx, node, 'each item of `excludes`');
  if (!map) return undefined;
  const conditions: MatrixExclude['conditions'] = [];
  let ok = true;
  for (const e of entries(ctx, map)) {
    const condition =
      axes.size === 0 || axes.has(e.key) ? readCondition(ctx, e) : unknownAxis(ctx, e, axes);
    if (condition) conditions.push(condition);
    else ok = false;
  }
  if (ok && conditions.length === 0)
    return ctx.error('missing-key', 'an exclude needs at least one axis', node);
  return ok ? { conditions, span: ctx.span(node) } : undefined;
}

function readCondition(ctx: Ctx, e: Entry): MatrixExclude['conditions'][number] | undefined {
  const span = ctx.span(e.pair);
  if (!isMap(e.value)) {
    const values = readStrings(ctx, e.value, `axis \`${e.key}\``);
    return values && { axis: e.key, values, negate: false, span };
  }
  const f = fields(ctx, e.value, EXCLUDE_FORMS, `axis \`${e.key}\``);
  if (!f) return undefined;
  const [form, extra] = EXCLUDE_FORMS.flatMap((k) => f[k] ?? []);
  if (!form || extra) {
    return ctx.error(
      'invalid-value',
      `axis \`${e.key}\` needs one of \`values\` or \`notValues\``,
      e.value,
    );
  }
  const values = readStrings(ctx, form.value, `\`${form.key}\``);
  return values && { axis: e.key, values, negate: form.key === 'notValues', span };
}

function unknownAxis(ctx: Ctx, e: Entry, axes: ReadonlySet<string>): undefined {
  const guess = closest(e.key, axes);
  return ctx.error('unknown-key', `\`${e.key}\` is not an axis of this matrix`, e.keyNode, [
    guess
      ? `did you mean \`${guess}\`?`
      : `the axes are ${[...axes].map((a) => `\`${a}\``).join(', ')}`,
  ]);
}
