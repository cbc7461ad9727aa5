/**
 * Checks of meaning, shared with the Jenkinsfile front end.
 * TODO(lead): replace the body with `validatePipeline(p)` from
 * `pipeline/validate/` once it is on main.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Pipeline } from '../model/pipeline.ts';

export function checkPipeline(_pipeline: Pipeline): Diagnostic[] {
  return [];
}
