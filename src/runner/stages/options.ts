/**
 * `options { timeout(…); retry(…) }` of a stage or the pipeline, applied in
 * the order written (the first is outermost), as Jenkins' wrappers are.
 */
import type { Options } from '../../pipeline/model/pipeline.ts';
import type { ExecContext } from '../build/types.ts';
import { retryBody } from '../steps/retry.ts';
import { withTimeout } from '../timeouts.ts';

type Wrap = (ctx: ExecContext, body: (ctx: ExecContext) => Promise<void>) => Promise<void>;

export function withOptions(
  options: Options,
  ctx: ExecContext,
  body: (ctx: ExecContext) => Promise<void>,
  onTimeout?: () => void,
): Promise<void> {
  const wrappers: Array<{ at: number; wrap: Wrap }> = [];
  const timeout = options.timeout;
  if (timeout) {
    wrappers.push({
      at: timeout.span.offset,
      wrap: (c, b) =>
        withTimeout(
          c,
          {
            ms: timeout.ms,
            activity: timeout.activity,
            ...(onTimeout ? { onFire: onTimeout } : {}),
          },
          b,
        ),
    });
  }
  const retry = options.retry;
  if (retry)
    wrappers.push({
      at: retry.span.offset,
      wrap: (c, b) => retryBody(c, retry.count, retry.conditions.length > 0, b),
    });
  wrappers.sort((a, b) => a.at - b.at);
  const run = (i: number, c: ExecContext): Promise<void> => {
    const w = wrappers[i];
    return w ? w.wrap(c, (inner) => run(i + 1, inner)) : body(c);
  };
  return run(0, ctx);
}
