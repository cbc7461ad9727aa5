/**
 * Semantic checks over a `Pipeline`, independent of the syntax it came
 * from, so the Jenkinsfile and rig.yaml front ends share them.
 *
 * Convention for front ends: a pipeline without an `agent` carries an agent
 * whose span is synthetic (offset 0, end 0, see `syntheticSpan`); this is how
 * "Missing required section 'agent'" is detected here.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Pipeline, PostBlock } from '../model/pipeline.ts';
import { checkGroovy } from './groovy.ts';
import { checkMatrices } from './matrix.ts';
import { checkSteps, type StepScope } from './steps.ts';
import { checkStructure } from './structure.ts';
import { Validator } from './validator.ts';
import { agentProvides, rootContext, walkStages } from './walk.ts';

export { isSynthetic } from './structure.ts';

export function validatePipeline(p: Pipeline): Diagnostic[] {
  const v = new Validator(p);
  checkStructure(v, p);
  checkMatrices(v, p);
  checkAllSteps(v, p);
  checkGroovy(v, p);
  return [...v.diagnostics].sort(
    (a, b) => a.span.offset - b.span.offset || a.span.end - b.span.end,
  );
}

function checkPostSteps(v: Validator, post: PostBlock[], scope: StepScope): void {
  for (const b of post)
    checkSteps(v, b.steps, { ...scope, where: `${scope.where} \`post { ${b.condition} }\`` });
}

function checkAllSteps(v: Validator, p: Pipeline): void {
  const root = rootContext(p);
  checkPostSteps(v, p.post, {
    hasAgent: root.hasAgent,
    where: 'the pipeline',
    noAgentSeverity: 'warning',
  });
  walkStages(p.stages, root, (stage, ctx) => {
    const scope: StepScope = {
      hasAgent: ctx.hasAgent,
      where: `stage '${ctx.path}'`,
      noAgentSeverity: 'error',
    };
    if (stage.body.kind === 'steps') checkSteps(v, stage.body.steps, scope);
    checkPostSteps(v, stage.post, scope);
    if (stage.body.kind === 'matrix') {
      const m = stage.body.matrix;
      checkPostSteps(v, m.post, { ...scope, hasAgent: agentProvides(m.agent, ctx.hasAgent) });
    }
  });
}
