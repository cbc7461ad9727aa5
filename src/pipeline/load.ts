/**
 * The one entry point from text to a runnable pipeline, for `rig run`,
 * `rig validate`, the agent and the controller: picks the front end by file
 * name, runs the shared semantic checks, and returns the model only when no
 * diagnostic is an error.
 */
import { hasErrors, type ParseResult } from './diagnostics/diagnostic.ts';
import { parseJenkinsfile, sortDiagnostics } from './jenkinsfile/index.ts';
import type { Pipeline, SourceFormat } from './model/pipeline.ts';
import { validatePipeline } from './validate/index.ts';
import { parseRigYaml } from './yaml/parse.ts';

export function pipelineFormat(file: string): SourceFormat {
  return /\.ya?ml$/i.test(file) ? 'yaml' : 'jenkinsfile';
}

export function loadPipeline(text: string, file: string): ParseResult<Pipeline> {
  if (pipelineFormat(file) === 'yaml') return parseRigYaml(text, file);
  const parsed = parseJenkinsfile(text, file);
  if (!parsed.value) return parsed;
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...validatePipeline(parsed.value)]);
  return hasErrors(diagnostics) ? { diagnostics } : { value: parsed.value, diagnostics };
}
