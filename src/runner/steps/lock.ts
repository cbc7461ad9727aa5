/**
 * `lock('resource') { … }` (or `label:`): holds a resource from the
 * LockProvider for the body. `skipIfLocked` skips the body when the resource
 * is busy; `variable` names an environment variable holding the resource.
 */
import { derive, log } from '../build/context.ts';
import { StepFailure } from '../errors.ts';
import type { StepImpl } from './types.ts';

export const lock: StepImpl = {
  needsNode: false,
  async run({ ctx, args, body }) {
    if (!body) return null;
    const label = args.optStr('label');
    const resource = args.optStr('resource') ?? (label ? `label:${label}` : undefined);
    if (!resource) throw new StepFailure('lock: needs a resource or a label');
    let release: () => void;
    if (args.bool('skipIfLocked', false)) {
      const probe = new AbortController();
      const attempt = ctx.build.locks.acquire(resource, { signal: probe.signal });
      setImmediate(() => probe.abort());
      try {
        release = await attempt;
      } catch {
        log(ctx, `Resource [${resource}] is locked, skipping execution`);
        return null;
      }
    } else {
      log(ctx, `Trying to acquire lock on [${resource}]`);
      release = await ctx.build.locks.acquire(resource, { signal: ctx.signal });
    }
    log(ctx, `Lock acquired on [${resource}]`);
    try {
      const variable = args.optStr('variable');
      const inner = variable
        ? derive(ctx, {
            env: ctx.env.with([
              [variable, resource],
              [`${variable}0`, resource],
            ]),
          })
        : ctx;
      return await body(inner);
    } finally {
      release();
      log(ctx, `Lock released on resource [${resource}]`);
    }
  },
};
