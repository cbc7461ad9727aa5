/**
 * `input` (the step and the stage directive): asks the InputHandler. Without
 * one the step fails and says why; a rejected input aborts like Jenkins'.
 */
import { log } from '../build/context.ts';
import type { ExecContext } from '../build/types.ts';
import { Interruption, StepFailure } from '../errors.ts';
import { toStr } from '../groovy/format.ts';
import type { Value } from '../groovy/values.ts';
import { untilAborted } from '../interrupt.ts';
import type { StepImpl } from './types.ts';

export interface InputRequest {
  message: string;
  ok?: string;
  submitterParameter?: string;
  parameters: Array<{ name: string; defaultValue?: string | boolean }>;
}

export async function askInput(ctx: ExecContext, req: InputRequest): Promise<Value> {
  const handler = ctx.build.inputs;
  if (!handler) {
    throw new StepFailure(
      `input "${req.message}": this build has no way to ask for input (no input handler; rig run is not interactive here)`,
    );
  }
  log(ctx, `Input requested: ${req.message}`);
  let answer: Awaited<ReturnType<typeof handler.ask>>;
  try {
    answer = await untilAborted(
      handler.ask({
        stage: ctx.stage?.path ?? '',
        message: req.message,
        parameters: req.parameters,
        ...(req.ok ? { ok: req.ok } : {}),
      }),
      ctx.signal,
    );
  } catch (err) {
    if (err instanceof Interruption) throw err;
    throw new Interruption(
      'ABORTED',
      'input',
      true,
      `input "${req.message}" was rejected${err instanceof Error && err.message ? `: ${err.message}` : ''}`,
    );
  }
  log(ctx, `Input approved${answer.submitter ? ` by ${answer.submitter}` : ''}`);
  const values = new Map<Value, Value>(Object.entries(answer.values));
  if (req.submitterParameter) values.set(req.submitterParameter, answer.submitter ?? null);
  if (values.size === 0) return null;
  if (values.size === 1 && !req.submitterParameter && req.parameters.length === 1)
    return values.values().next().value ?? null;
  return values;
}

/** Parameter definitions (`string(name: …)`, `booleanParam(…)`, `choice(…)`) as the handler sees them. */
export function parameterDefs(list: Value[]): InputRequest['parameters'] {
  return list.flatMap((p) => {
    if (!(p instanceof Map)) return [];
    const name = p.get('name');
    if (name === undefined || name === null) return [];
    const choices = p.get('choices');
    const dflt =
      p.get('defaultValue') ??
      (Array.isArray(choices)
        ? (choices[0] ?? null)
        : typeof choices === 'string'
          ? (choices.split('\n')[0] ?? null)
          : null);
    return [
      {
        name: toStr(name),
        ...(dflt !== null ? { defaultValue: typeof dflt === 'boolean' ? dflt : toStr(dflt) } : {}),
      },
    ];
  });
}

export const input: StepImpl = {
  needsNode: false,
  async run({ ctx, args }) {
    const submitterParameter = args.optStr('submitterParameter');
    const ok = args.optStr('ok');
    return askInput(ctx, {
      message: args.str('message'),
      parameters: parameterDefs(args.list('parameters')),
      ...(ok ? { ok } : {}),
      ...(submitterParameter ? { submitterParameter } : {}),
    });
  },
};
