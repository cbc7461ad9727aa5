/**
 * `stages { stage('x') { … } }`: each stage's sections, and its body —
 * exactly one of `steps`, `stages`, `parallel` or `matrix`.
 */
import { suggest } from '../../diagnostics/suggest.ts';
import type { Stage, StageBody } from '../../model/pipeline.ts';
import { stepSignature } from '../../steps/catalog.ts';
import { applyCommonSection, COMMON_SECTIONS } from './common.ts';
import type { LowerContext } from './context.ts';
import { directivesOf, noArgs, requireBlock, SeenSections, type Directive } from './directives.ts';
import { lowerMatrix } from './matrix.ts';
import { emptyOptions } from './options.ts';
import { lowerSteps } from './steps.ts';
import { boolValue } from './values.ts';

const BODY_KINDS = ['steps', 'stages', 'parallel', 'matrix'] as const;
const STAGE_SECTIONS = [...COMMON_SECTIONS, 'failFast', ...BODY_KINDS];

/** The `stage`s of a `stages { }` or `parallel { }` block. */
export function lowerStageList(ctx: LowerContext, d: Directive): Stage[] {
  const out: Stage[] = [];
  for (const s of directivesOf(ctx, d.block, `in \`${d.name}\``)) {
    if (s.name !== 'stage') {
      ctx.unknown(
        'expected-stage',
        `only \`stage\` is allowed in \`${d.name}\`, found \`${s.name}\``,
        s.name,
        ['stage'],
        s.nameSpan,
      );
      continue;
    }
    const stage = lowerStage(ctx, s);
    if (stage) out.push(stage);
  }
  return out;
}

function stageName(ctx: LowerContext, d: Directive): string | undefined {
  const a = d.args[0];
  if (d.args.length !== 1 || !a || (a.name !== undefined && a.name !== 'name')) {
    ctx.error('stage-name', "a stage needs a name: `stage('Build') { … }`", d.span);
    return undefined;
  }
  // Jenkins reads a bare name as its text (`stage(Build)`) but does not interpolate GStrings.
  if (a.value.kind === 'str') return a.value.value;
  if (a.value.kind === 'var') return a.value.name;
  ctx.error(
    'stage-name',
    'a stage name must be a plain string literal; Jenkins does not interpolate stage names',
    a.span,
  );
  return undefined;
}

export function lowerStage(ctx: LowerContext, d: Directive): Stage | undefined {
  const name = stageName(ctx, d);
  const block = requireBlock(ctx, d);
  if (name === undefined || !block) return undefined;
  const stage: Stage = {
    name,
    options: emptyOptions(),
    environment: [],
    tools: [],
    failFast: false,
    body: { kind: 'steps', steps: [], span: d.span },
    post: [],
    span: d.span,
  };
  const seen = new SeenSections(ctx);
  const bodies: StageBody[] = [];
  const errorsBefore = ctx.diagnostics.length;
  for (const s of directivesOf(ctx, block, `in stage '${name}'`)) {
    if (!seen.first(s)) continue;
    if (applyCommonSection(ctx, s, stage)) continue;
    if (s.name === 'failFast') {
      stage.failFast =
        (s.args.length === 1 && boolValue(ctx, s.args[0]!.value, '`failFast`')) || false;
      continue;
    }
    const body = lowerBody(ctx, s);
    if (body) bodies.push(body);
    else if (!(BODY_KINDS as readonly string[]).includes(s.name)) unknownStageSection(ctx, s);
  }
  // A stage whose sections were already reported is not also "empty".
  checkBody(ctx, stage, bodies, d, ctx.diagnostics.length > errorsBefore);
  return stage;
}

function unknownStageSection(ctx: LowerContext, s: Directive): void {
  const message = `\`${s.name}\` is not a section of a stage`;
  if (stepSignature(s.name) && !suggest(s.name, STAGE_SECTIONS)) {
    ctx.error('unknown-section', message, s.nameSpan, [
      'steps of a stage go inside a `steps { … }` block',
    ]);
    return;
  }
  ctx.unknown('unknown-section', message, s.name, STAGE_SECTIONS, s.nameSpan);
}

function checkBody(
  ctx: LowerContext,
  stage: Stage,
  bodies: StageBody[],
  d: Directive,
  reported: boolean,
): void {
  if (bodies.length === 0) {
    if (reported) return;
    ctx.error(
      'empty-stage',
      `stage '${stage.name}' has nothing to run: it needs one of \`steps\`, \`stages\`, \`parallel\` or \`matrix\``,
      d.nameSpan,
    );
    return;
  }
  if (bodies.length > 1) {
    ctx.error(
      'stage-body',
      `stage '${stage.name}' may have only one of \`steps\`, \`stages\`, \`parallel\` or \`matrix\``,
      bodies[1]!.span,
    );
  }
  stage.body = bodies[0]!;
  if (stage.failFast && stage.body.kind !== 'parallel' && stage.body.kind !== 'matrix') {
    // Jenkins accepts this and ignores it; so does Rig, but says so.
    ctx.warn(
      'fail-fast',
      '`failFast` has no effect here: it only applies to a stage with `parallel` or `matrix`',
      d.nameSpan,
    );
  }
}

function lowerBody(ctx: LowerContext, s: Directive): StageBody | undefined {
  if (!(BODY_KINDS as readonly string[]).includes(s.name)) return undefined;
  noArgs(ctx, s);
  if (!requireBlock(ctx, s)) return undefined;
  switch (s.name) {
    case 'steps':
      return { kind: 'steps', steps: lowerSteps(ctx, s.block, 'in `steps`'), span: s.span };
    case 'stages':
      return { kind: 'stages', stages: lowerStageList(ctx, s), span: s.span };
    case 'parallel':
      return { kind: 'parallel', stages: lowerStageList(ctx, s), span: s.span };
    case 'matrix': {
      const matrix = lowerMatrix(ctx, s, lowerStageList);
      return matrix ? { kind: 'matrix', matrix, span: s.span } : undefined;
    }
  }
  return undefined;
}
