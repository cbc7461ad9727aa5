/** Scripted `parallel(a: { … }, b: { … }, failFast: true)`: the closures run concurrently. */
import { ScriptError } from '../errors.ts';
import { runBranches } from '../branches.ts';
import { toStr } from '../groovy/format.ts';
import { GClosure, truthy } from '../groovy/values.ts';
import type { Value } from '../groovy/values.ts';
import type { StepImpl } from './types.ts';

export const parallel: StepImpl = {
  needsNode: false,
  async run({ ctx, args, span }) {
    const entries = branchEntries(args.values);
    let failFast = false;
    const branches = [];
    for (const [key, value] of entries) {
      const name = toStr(key);
      if (name === 'failFast') {
        failFast = truthy(value);
        continue;
      }
      if (!(value instanceof GClosure))
        throw new ScriptError(
          `parallel: branch '${name}' must be a closure`,
          span,
          'java.lang.IllegalArgumentException',
        );
      branches.push({ name, run: (c: typeof ctx) => ctx.build.interp.callClosure(value, [], c) });
    }
    const err = await runBranches(ctx, branches, failFast);
    if (err) throw err;
    return null;
  },
};

/** `parallel(map)` and `parallel(a: …, b: …)` both arrive as named values. */
function branchEntries(values: ReadonlyMap<string, Value>): Array<[Value, Value]> {
  const branches = values.get('branches');
  if (branches instanceof Map)
    return [...branches, ...[...values].filter(([k]) => k !== 'branches')];
  return [...values];
}
