/** `withEnv(['A=b', 'PATH+X=/opt/x/bin']) { … }`: a layer of variables for the body only. */
import { derive } from '../build/context.ts';
import { parseAssignments } from '../env/layers.ts';
import { envGet } from '../env/lookup.ts';
import { toStr } from '../groovy/format.ts';
import type { StepImpl } from './types.ts';

export const withEnv: StepImpl = {
  needsNode: false,
  async run({ ctx, args, body }) {
    if (!body) return null;
    const items = args.list('overrides').map(toStr);
    return body(
      derive(ctx, { env: ctx.env.with(parseAssignments(items), (name) => envGet(ctx, name)) }),
    );
  },
};
