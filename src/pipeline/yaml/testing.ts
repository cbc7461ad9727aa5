/**
 * Helpers for the rig.yaml tests (and the golden tests against the
 * Jenkinsfile front end): parse, insist on success, and check the result
 * against the model schema; or list the diagnostics as `line:col code message`.
 */
import type { Pipeline } from '../model/pipeline.ts';
import { PipelineSchema } from '../model/schema.ts';
import { parseRigYaml } from './parse.ts';

export function parseOk(text: string, file = 'rig.yaml'): Pipeline {
  const result = parseRigYaml(text, file);
  const problems = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.value || problems.length > 0) {
    throw new Error(`expected ${file} to parse:\n${describeAll(text, file).join('\n')}`);
  }
  PipelineSchema.parse(result.value);
  return result.value;
}

/** Every diagnostic as `line:col code message`, in source order. */
export function describeAll(text: string, file = 'rig.yaml'): string[] {
  return parseRigYaml(text, file).diagnostics.map(
    (d) => `${d.span.line}:${d.span.col} ${d.code} ${d.message}`,
  );
}

/** A copy of a model without spans, to compare shapes. */
export function withoutSpans<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'span' ? undefined : v))) as T;
}
