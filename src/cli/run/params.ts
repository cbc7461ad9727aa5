/**
 * `--param K=V` against the pipeline's `parameters { }`: booleans become
 * booleans, choices must be one of the choices, unknown names are mistakes.
 */
import type { Parameter, Pipeline } from '../../pipeline/model/pipeline.ts';
import { UsageError } from '../errors.ts';

export function parseParams(pipeline: Pipeline, pairs: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param wants NAME=VALUE, got '${pair}'`);
    const name = pair.slice(0, eq);
    const declared = pipeline.parameters.find((p) => p.name === name);
    if (!declared) throw new UsageError(unknownParam(pipeline, name));
    out[name] = coerce(declared, pair.slice(eq + 1));
  }
  return out;
}

function coerce(p: Parameter, value: string): string | boolean {
  if (p.kind === 'booleanParam') {
    if (value === 'true' || value === 'false') return value === 'true';
    throw new UsageError(`parameter ${p.name} is a boolean: use true or false, not '${value}'`);
  }
  if (p.kind === 'choice' && p.choices && !p.choices.includes(value)) {
    throw new UsageError(`parameter ${p.name} is one of ${p.choices.join(', ')}; got '${value}'`);
  }
  return p.trim ? value.trim() : value;
}

function unknownParam(pipeline: Pipeline, name: string): string {
  const names = pipeline.parameters.map((p) => p.name);
  return names.length === 0
    ? `the pipeline declares no parameters, so --param ${name}=… has no meaning`
    : `unknown parameter '${name}' (the pipeline declares: ${names.join(', ')})`;
}
