/** A stage's `input { }` directive: asks before the stage runs; answers become environment variables. */
import type { Input } from '../../pipeline/model/pipeline.ts';
import { derive } from '../build/context.ts';
import type { ExecContext } from '../build/types.ts';
import { toStr } from '../groovy/format.ts';
import { askInput } from '../steps/input.ts';

export async function withStageInput(
  input: Input | undefined,
  ctx: ExecContext,
  body: (ctx: ExecContext) => Promise<void>,
): Promise<void> {
  if (!input) return body(ctx);
  const answer = await askInput(ctx, {
    message: input.message,
    parameters: input.parameters.map((p) => ({
      name: p.name,
      ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
    })),
    ...(input.ok ? { ok: input.ok } : {}),
    ...(input.submitterParameter ? { submitterParameter: input.submitterParameter } : {}),
  });
  if (input.parameters.length === 0 && !input.submitterParameter) return body(ctx);
  let vars: Array<[string, string]> = [];
  if (answer instanceof Map) vars = [...answer].map(([k, v]) => [toStr(k), toStr(v)]);
  else if (input.submitterParameter) vars = [[input.submitterParameter, toStr(answer)]];
  else if (input.parameters.length === 1 && input.parameters[0])
    vars = [[input.parameters[0].name, toStr(answer)]];
  return body(derive(ctx, { env: ctx.env.with(vars) }));
}
