/** A stage's `input { message …; ok …; submitter …; parameters { … } }`. */
import type { Input } from '../../model/pipeline.ts';
import type { LowerContext } from './context.ts';
import type { Directive } from './directives.ts';
import { lowerParameters } from './parameters.ts';
import { getString, readSettings } from './settings.ts';

export function lowerInput(ctx: LowerContext, d: Directive): Input | undefined {
  const s = readSettings(
    ctx,
    d,
    {
      message: 'string',
      id: 'string',
      ok: 'string',
      submitter: 'string',
      submitterParameter: 'string',
      parameters: 'block',
    },
    'message',
  );
  const message = getString(s, 'message');
  if (message === undefined) {
    ctx.error('missing-setting', '`input` needs a `message`', d.span);
    return undefined;
  }
  const input: Input = { message, parameters: [], span: d.span };
  for (const k of ['id', 'ok', 'submitter', 'submitterParameter'] as const) {
    const v = getString(s, k);
    if (v !== undefined) input[k] = v;
  }
  const params = s.get('parameters')?.value;
  if (params && typeof params === 'object' && !Array.isArray(params))
    input.parameters = lowerParameters(ctx, params);
  return input;
}
