/**
 * Semantic checks over a `Pipeline`, independent of the syntax it came
 * from, so the Jenkinsfile and rig.yaml front ends share them.
 *
 * Convention for front ends: a pipeline without an `agent` carries an agent
 * whose span is synthetic (offset 0, end 0, see `syntheticSpan`); this is how
 * "Missing required section 'agent'" is detected here.
 */
import { error, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Pipeline } from '../model/pipeline.ts';
import type { Span } from '../model/span.ts';

export function isSynthetic(span: Span): boolean {
  return span.offset === 0 && span.end === 0 && span.line === 1 && span.col === 1;
}

export function validatePipeline(p: Pipeline): Diagnostic[] {
  const out: Diagnostic[] = [];
  const head = { ...p.span, endLine: p.span.line, endCol: p.span.col + 8, end: p.span.offset + 8 };
  if (isSynthetic(p.agent.span)) {
    out.push(
      error(
        'missing-agent',
        "Missing required section 'agent': add `agent any` (or `agent none` with an agent per stage)",
        head,
      ),
    );
  }
  if (p.stages.length === 0) {
    out.push(
      error(
        'no-stages',
        "the pipeline has no stages: add `stages { stage('Build') { steps { … } } }`",
        head,
      ),
    );
  }
  return out;
}
