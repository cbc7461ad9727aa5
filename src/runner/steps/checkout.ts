/**
 * `checkout scm` and `git …`. Under `rig run` the workspace is already the
 * checkout, so these log that and return the facts Jenkins' checkout returns.
 */
import { log } from '../build/context.ts';
import type { Value } from '../groovy/values.ts';
import type { StepImpl } from './types.ts';

export const checkout: StepImpl = {
  needsNode: true,
  async run({ ctx, name, args }) {
    const c = ctx.build.context;
    const what = name === 'git' ? `git ${args.optStr('url') ?? ''}`.trim() : 'checkout';
    log(
      ctx,
      `${what}: the workspace is already the checkout${c.commit ? ` (${c.commit.slice(0, 12)})` : ''}; nothing to fetch`,
    );
    const facts = new Map<Value, Value>();
    if (c.commit) facts.set('GIT_COMMIT', c.commit);
    if (c.branch) facts.set('GIT_BRANCH', c.branch);
    return facts;
  },
};
