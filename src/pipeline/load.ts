/**
 * The one entry point from text to a runnable pipeline, for `rig run`,
 * `rig validate`, the agent and the controller: picks the front end by file
 * name, runs the shared semantic checks, and returns the model only when no
 * diagnostic is an error. (`rig run` loads the two front ends separately, so
 * a Jenkinsfile run never loads the YAML one.)
 */
import type { ParseResult } from './diagnostics/diagnostic.ts';
import { loadJenkinsfile } from './load-jenkinsfile.ts';
import type { Pipeline } from './model/pipeline.ts';
import { pipelineFormat } from './source-format.ts';
import { parseRigYaml } from './yaml/parse.ts';

export { pipelineFormat };

export function loadPipeline(text: string, file: string): ParseResult<Pipeline> {
  return pipelineFormat(file) === 'yaml' ? parseRigYaml(text, file) : loadJenkinsfile(text, file);
}
