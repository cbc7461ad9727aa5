/**
 * The `environment { }` directive: credentials first, then values in order,
 * each seeing the ones before it and the enclosing scope (so
 * `PATH = "${PATH}:/x"` extends the outer PATH), as Jenkins' ModelInterpreter
 * does (withCredentials, then withEnv).
 */
import type { EnvVar } from '../../pipeline/model/pipeline.ts';
import { derive } from '../build/context.ts';
import type { ExecContext } from '../build/types.ts';
import { ScriptError } from '../errors.ts';
import { toStr } from '../groovy/format.ts';
import type { Bound } from './credentials.ts';
import { bindEnvironmentCredential, removeFiles } from './credentials.ts';

export interface Scoped {
  ctx: ExecContext;
  cleanup: () => Promise<void>;
}

export async function applyEnvironment(ctx: ExecContext, vars: EnvVar[]): Promise<Scoped> {
  if (vars.length === 0) return { ctx, cleanup: async () => {} };
  const files: Bound = { vars: [], files: [] };
  let env = ctx.env;
  try {
    for (const v of vars) {
      if (v.value.kind !== 'credentials') continue;
      const bound = await bindEnvironmentCredential(derive(ctx, { env }), v.name, v.value.id);
      files.files.push(...bound.files);
      env = env.with(bound.vars);
    }
    for (const v of vars) {
      if (v.value.kind !== 'expr') continue;
      const value = await ctx.build.interp.evalInBinding(v.value.expr, derive(ctx, { env }));
      if (value === null)
        throw new ScriptError(
          `environment variable ${v.name} has no value (its expression gave null)`,
          v.span,
          'java.lang.IllegalArgumentException',
        );
      env = env.with([[v.name, toStr(value)]]);
    }
  } catch (err) {
    await removeFiles(files);
    throw err;
  }
  return { ctx: derive(ctx, { env }), cleanup: () => removeFiles(files) };
}
