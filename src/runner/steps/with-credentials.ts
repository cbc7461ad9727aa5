/** `withCredentials([string(credentialsId: 'x', variable: 'X'), …]) { … }`: masked variables for the body. */
import { derive } from '../build/context.ts';
import type { Bound } from '../env/credentials.ts';
import { bindWithCredentials, removeFiles } from '../env/credentials.ts';
import type { StepImpl } from './types.ts';

export const withCredentials: StepImpl = {
  needsNode: false,
  async run({ ctx, args, body }) {
    if (!body) return null;
    const bound: Bound = { vars: [], files: [] };
    try {
      for (const binding of args.list('bindings')) await bindWithCredentials(ctx, binding, bound);
      return await body(derive(ctx, { env: ctx.env.with(bound.vars) }));
    } finally {
      await removeFiles(bound);
    }
  },
};
