/**
 * The controller and its agents read pipeline files with the same front ends
 * as `rig run`: a Jenkinsfile or a rig.yaml, chosen by the file's name.
 */
import { loadPipeline } from '../pipeline/load.ts';
import type { PipelineParser } from './ports.ts';

export const parseControllerPipeline: PipelineParser = (text, file) => {
  const r = loadPipeline(text, file);
  const errors = r.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${file}:${d.span.line}:${d.span.col}: error: ${d.message}`);
  if (r.value && errors.length === 0) return { pipeline: r.value };
  return { errors: errors.length > 0 ? errors : [`${file}: no pipeline found`] };
};

/** The name the controller's modules and tests have used. */
export const parseJenkinsfilePipeline = parseControllerPipeline;
