/**
 * The checks of meaning both front ends share (`pipeline/validate`), run on
 * the model a rig.yaml produced.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Pipeline } from '../model/pipeline.ts';
import { validatePipeline } from '../validate/index.ts';

export function checkPipeline(pipeline: Pipeline): Diagnostic[] {
  return validatePipeline(pipeline);
}
