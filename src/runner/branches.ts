/**
 * Concurrent branches, for parallel stages, matrix cells and the `parallel`
 * step. Every branch runs at once in its own interruption scope; with
 * failFast, the first failure interrupts the others (they end ABORTED).
 * The first error that happened is the result, as Jenkins' parallel throws.
 */
import { derive, log } from './build/context.ts';
import type { ExecContext } from './build/types.ts';
import { Interruption, asPipelineError } from './errors.ts';
import type { PipelineError } from './errors.ts';
import { childController } from './interrupt.ts';

export interface Branch {
  name: string;
  run(ctx: ExecContext): Promise<unknown>;
}

export async function runBranches(
  ctx: ExecContext,
  branches: Branch[],
  failFast: boolean,
): Promise<PipelineError | undefined> {
  const scopes = branches.map(() => childController(ctx.signal));
  let first: PipelineError | undefined;
  let stopped = false;
  await Promise.all(
    branches.map(async (branch, i) => {
      const scope = scopes[i];
      if (!scope) return;
      try {
        await branch.run(derive(ctx, { signal: scope.controller.signal }));
      } catch (thrown) {
        const err = asPipelineError(thrown);
        first ??= err;
        if (failFast && !stopped) {
          stopped = true;
          log(ctx, `Failed in branch ${branch.name}: stopping the other branches (failFast)`);
          const reason = new Interruption(
            'ABORTED',
            'failFast',
            true,
            `Failed in branch ${branch.name}`,
          );
          scopes.forEach((s, j) => j !== i && s.controller.abort(reason));
        }
      }
    }),
  );
  for (const s of scopes) s.dispose();
  return first;
}
