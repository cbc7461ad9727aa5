/**
 * What the planner can know about environment variables before the run.
 * Declarative `environment` layers take precedence over values a script sets
 * with `env.X = …` (as in Jenkins), which take precedence over the build's
 * own variables. A literal in a layer is known; a computed value, a
 * credential, or a variable some script may assign is only known at run time.
 */
import type { EnvVar, Pipeline } from '../model/pipeline.ts';
import { visitPipeline } from './walk-ast.ts';
import { UNKNOWN } from './when.ts';

export interface StaticEnv {
  base: Record<string, string>;
  layers: Map<string, string | typeof UNKNOWN>;
  /** Names some script assigns through `env`; `any` when a script assigns a computed name. */
  scriptWrites: { names: Set<string>; any: boolean };
}

export function staticEnvLookup(env: StaticEnv, name: string): string | undefined | typeof UNKNOWN {
  if (env.layers.has(name)) return env.layers.get(name);
  if (env.scriptWrites.any || env.scriptWrites.names.has(name)) return UNKNOWN;
  return env.base[name];
}

export function withEnvLayer(env: StaticEnv, vars: EnvVar[]): StaticEnv {
  const layers = new Map(env.layers);
  for (const v of vars) layers.set(v.name, literalValue(v));
  return { ...env, layers };
}

export function withValues(env: StaticEnv, values: Array<[string, string]>): StaticEnv {
  const layers = new Map(env.layers);
  for (const [name, value] of values) layers.set(name, value);
  return { ...env, layers };
}

function literalValue(v: EnvVar): string | typeof UNKNOWN {
  if (v.value.kind !== 'expr') return UNKNOWN;
  const expr = v.value.expr;
  switch (expr.kind) {
    case 'str':
      return expr.value;
    case 'num':
    case 'bool':
      return String(expr.value);
    case 'gstring':
      return expr.parts.every((p) => 'text' in p)
        ? expr.parts.map((p) => ('text' in p ? p.text : '')).join('')
        : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/** Finds `env.X = …`, `env['X'] = …` and `env.setProperty(…)` anywhere in the pipeline. */
export function scriptEnvWrites(pipeline: Pipeline): StaticEnv['scriptWrites'] {
  const names = new Set<string>();
  let any = false;
  visitPipeline(pipeline, (expr) => {
    if (expr.kind === 'assign') {
      const t = expr.target;
      if (t.kind === 'prop' && t.object.kind === 'var' && t.object.name === 'env')
        names.add(t.name);
      if (t.kind === 'index' && t.object.kind === 'var' && t.object.name === 'env') {
        if (t.index.kind === 'str') names.add(t.index.value);
        else any = true;
      }
    }
    if (
      expr.kind === 'method' &&
      expr.object.kind === 'var' &&
      expr.object.name === 'env' &&
      (expr.name === 'setProperty' || expr.name === 'put')
    ) {
      const first = expr.args[0]?.value;
      if (first?.kind === 'str') names.add(first.value);
      else any = true;
    }
  });
  return { names, any };
}
