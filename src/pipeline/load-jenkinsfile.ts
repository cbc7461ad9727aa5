/** A Jenkinsfile to a runnable pipeline: parse, then the shared semantic checks. */
import { hasErrors, type ParseResult } from './diagnostics/diagnostic.ts';
import { parseJenkinsfile, sortDiagnostics } from './jenkinsfile/index.ts';
import type { Pipeline } from './model/pipeline.ts';
import { validatePipeline } from './validate/index.ts';

export function loadJenkinsfile(text: string, file: string): ParseResult<Pipeline> {
  const parsed = parseJenkinsfile(text, file);
  if (!parsed.value) return parsed;
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...validatePipeline(parsed.value)]);
  return hasErrors(diagnostics) ? { diagnostics } : { value: parsed.value, diagnostics };
}
