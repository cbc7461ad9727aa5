/** The controller reads Jenkinsfiles with the same front end as `rig run`. */
import { parseJenkinsfile } from '../pipeline/jenkinsfile/index.ts';
import type { PipelineParser } from './ports.ts';

export const parseJenkinsfilePipeline: PipelineParser = (text, file) => {
  const r = parseJenkinsfile(text, file);
  const errors = r.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${file}:${d.span.line}:${d.span.col}: ${d.message}`);
  if (r.value && errors.length === 0) return { pipeline: r.value };
  return { errors: errors.length > 0 ? errors : [`${file}: no pipeline { } block`] };
};
