/**
 * Structural rules of declarative pipelines (Jenkins' ModelValidator):
 * required sections, empty and duplicate stages, what may nest in
 * `parallel`/`matrix`, and where `agent` and `tools` may appear.
 */
import type { Pipeline, PostBlock, Stage } from '../model/pipeline.ts';
import { headSpan, type Validator } from './validator.ts';
import { rootContext, walkStages, type StageContext } from './walk.ts';

/** Front ends give a missing `agent` a synthetic span (see `syntheticSpan`). */
export function isSynthetic(span: {
  offset: number;
  end: number;
  line: number;
  col: number;
}): boolean {
  return span.offset === 0 && span.end === 0 && span.line === 1 && span.col === 1;
}

export function checkStructure(v: Validator, p: Pipeline): void {
  const head = headSpan(p.span, 'pipeline'.length);
  if (isSynthetic(p.agent.span)) {
    v.error('missing-agent', "Missing required section 'agent'", head, [
      'add `agent any`, or `agent none` with an `agent` in each stage',
    ]);
  }
  if (p.stages.length === 0) {
    v.error('no-stages', "Missing required section 'stages' (or it has no stages)", head, [
      "add `stages { stage('Build') { steps { … } } }`",
    ]);
  }
  checkSiblings(v, p.stages);
  checkPost(v, p.post);
  walkStages(p.stages, rootContext(p), (stage, ctx) => checkStage(v, stage, ctx));
}

function checkSiblings(v: Validator, stages: Stage[]): void {
  const seen = new Map<string, Stage>();
  for (const s of stages) {
    const first = seen.get(s.name);
    if (first) {
      v.error(
        'duplicate-stage',
        `duplicate stage name '${s.name}' (first at ${first.span.line}:${first.span.col})`,
        headSpan(s.span, 'stage'.length),
        ['sibling stages need different names'],
      );
    } else seen.set(s.name, s);
  }
}

function checkPost(v: Validator, post: PostBlock[]): void {
  for (const b of post) {
    if (b.steps.length === 0) v.error('empty-steps', `\`${b.condition}\` has no steps`, b.span);
  }
}

function checkStage(v: Validator, stage: Stage, ctx: StageContext): void {
  const body = stage.body;
  checkPost(v, stage.post);
  switch (body.kind) {
    case 'steps':
      // A stage whose body could not be read carries an empty steps body spanning the whole stage.
      if (body.steps.length === 0 && body.span.offset !== stage.span.offset)
        v.error('empty-steps', `stage '${stage.name}' has no steps`, body.span);
      break;
    case 'stages':
    case 'parallel':
      if (body.stages.length === 0)
        v.error('no-stages', `\`${body.kind}\` in stage '${stage.name}' has no stages`, body.span);
      checkSiblings(v, body.stages);
      break;
    case 'matrix':
      checkPost(v, body.matrix.post);
      checkSiblings(v, body.matrix.stages);
      break;
  }
  if (body.kind === 'parallel' || body.kind === 'matrix') checkFanOut(v, stage, ctx);
}

/** Jenkins allows one level of fan-out, and no agent or tools on the stage that fans out. */
function checkFanOut(v: Validator, stage: Stage, ctx: StageContext): void {
  const what = stage.body.kind;
  if (ctx.withinParallel) {
    v.error(
      'nested-parallel',
      `\`${what}\` cannot be nested inside another \`parallel\` or \`matrix\` (stage '${ctx.path}')`,
      stage.body.span,
    );
  }
  if (stage.agent) {
    v.error(
      'agent-on-parallel',
      `\`agent\` is not allowed on stage '${stage.name}' because it contains \`${what}\``,
      stage.agent.span,
      [
        `put the agent on each inner stage${what === 'matrix' ? ', or inside `matrix { agent … }`' : ''}`,
      ],
    );
  }
  if (stage.tools.length > 0) {
    v.error(
      'tools-on-parallel',
      `\`tools\` is not allowed on stage '${stage.name}' because it contains \`${what}\``,
      stage.tools[0]!.span,
    );
  }
}
