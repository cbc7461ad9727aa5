/**
 * `matrix { axes { axis { name 'X'; values 'a', 'b' } } excludes { … } stages { … } }`.
 * Cells are expanded by the planner; here the structure is read.
 */
import type { Axis, Matrix, MatrixExclude, Stage } from '../../model/pipeline.ts';
import { applyCommonSection, COMMON_SECTIONS } from './common.ts';
import type { LowerContext } from './context.ts';
import { directivesOf, entriesOf, SeenSections, type Directive } from './directives.ts';
import { emptyOptions } from './options.ts';
import { getString, getStrings, readSettings } from './settings.ts';

type StageLister = (ctx: LowerContext, d: Directive) => Stage[];

const MATRIX_SECTIONS = [...COMMON_SECTIONS, 'axes', 'excludes', 'stages'];

export function lowerMatrix(
  ctx: LowerContext,
  d: Directive,
  stageList: StageLister,
): Matrix | undefined {
  const m: Matrix = {
    axes: [],
    excludes: [],
    options: emptyOptions(),
    environment: [],
    tools: [],
    stages: [],
    post: [],
    span: d.span,
  };
  const seen = new SeenSections(ctx);
  for (const s of directivesOf(ctx, d.block, 'in `matrix`')) {
    if (!seen.first(s)) continue;
    if (applyCommonSection(ctx, s, m)) continue;
    if (s.name === 'axes') m.axes = lowerAxes(ctx, s);
    else if (s.name === 'excludes') m.excludes = lowerExcludes(ctx, s);
    else if (s.name === 'stages') m.stages = stageList(ctx, s);
    else
      ctx.unknown(
        'unknown-section',
        `\`${s.name}\` is not a section of \`matrix\``,
        s.name,
        MATRIX_SECTIONS,
        s.nameSpan,
      );
  }
  if (m.axes.length === 0)
    ctx.error('matrix-axes', '`matrix` needs `axes { axis { name …; values … } }`', d.span);
  if (m.stages.length === 0)
    ctx.error('matrix-stages', '`matrix` needs `stages { … }` to run in each cell', d.span);
  return m;
}

function lowerAxes(ctx: LowerContext, d: Directive): Axis[] {
  const axes: Axis[] = [];
  for (const a of entriesOf(ctx, d, { blocks: true })) {
    if (a.name !== 'axis') {
      ctx.unknown(
        'unknown-section',
        `only \`axis\` is allowed in \`axes\`, found \`${a.name}\``,
        a.name,
        ['axis'],
        a.nameSpan,
      );
      continue;
    }
    const s = readSettings(ctx, a, { name: 'string', values: 'strings' });
    const name = getString(s, 'name');
    const values = getStrings(s, 'values') ?? [];
    if (name === undefined) ctx.error('missing-setting', '`axis` needs a `name`', a.span);
    if (values.length === 0) ctx.error('missing-setting', '`axis` needs `values`', a.span);
    if (name !== undefined) {
      if (axes.some((x) => x.name === name))
        ctx.error('duplicate-axis', `the axis \`${name}\` is declared twice`, a.span);
      axes.push({ name, values, span: a.span });
    }
  }
  return axes;
}

function lowerExcludes(ctx: LowerContext, d: Directive): MatrixExclude[] {
  const out: MatrixExclude[] = [];
  for (const e of entriesOf(ctx, d, { blocks: true })) {
    if (e.name !== 'exclude') {
      ctx.unknown(
        'unknown-section',
        `only \`exclude\` is allowed in \`excludes\`, found \`${e.name}\``,
        e.name,
        ['exclude'],
        e.nameSpan,
      );
      continue;
    }
    const conditions: MatrixExclude['conditions'] = [];
    for (const a of directivesOf(ctx, e.block, 'in `exclude`')) {
      if (a.name !== 'axis') {
        ctx.unknown(
          'unknown-section',
          `only \`axis\` is allowed in \`exclude\`, found \`${a.name}\``,
          a.name,
          ['axis'],
          a.nameSpan,
        );
        continue;
      }
      const cond = excludeCondition(ctx, a);
      if (cond) conditions.push(cond);
    }
    if ((e.block?.body.length ?? 0) === 0)
      ctx.error('empty-exclude', '`exclude` needs at least one `axis`', e.span);
    out.push({ conditions, span: e.span });
  }
  return out;
}

function excludeCondition(
  ctx: LowerContext,
  a: Directive,
): MatrixExclude['conditions'][number] | undefined {
  const s = readSettings(ctx, a, { name: 'string', values: 'strings', notValues: 'strings' });
  const axis = getString(s, 'name');
  const values = getStrings(s, 'values');
  const notValues = getStrings(s, 'notValues');
  if (axis === undefined || (values === undefined) === (notValues === undefined)) {
    ctx.error(
      'invalid-exclude',
      'an excluded `axis` needs a `name` and either `values` or `notValues`',
      a.span,
    );
    return undefined;
  }
  return { axis, values: values ?? notValues ?? [], negate: notValues !== undefined, span: a.span };
}
