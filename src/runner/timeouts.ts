/**
 * Timeouts for the `timeout` step and `options { timeout }`. When the clock
 * runs out, the body's scope is interrupted (its `sh` processes are stopped
 * with the kill grace) and the body ends with an ABORTED interruption. As in
 * Jenkins, the interruption counts as "not an actual interruption" once it
 * leaves its own `timeout`, so an enclosing `retry` retries it.
 */
import { formatMs } from '../pipeline/planner/options.ts';
import { derive, log } from './build/context.ts';
import type { ExecContext } from './build/types.ts';
import { Interruption } from './errors.ts';
import { childController } from './interrupt.ts';

export interface TimeoutSpec {
  ms: number;
  activity: boolean;
  /** Called when the clock runs out (the pipeline timeout also stops every process of the job). */
  onFire?: () => void;
}

export async function withTimeout<T>(
  ctx: ExecContext,
  spec: TimeoutSpec,
  body: (ctx: ExecContext) => Promise<T>,
): Promise<T> {
  const { controller, dispose } = childController(ctx.signal);
  const interruption = new Interruption('ABORTED', 'timeout', true, 'Timeout has been exceeded');
  let fired = false;
  const fire = (): void => {
    fired = true;
    ctx.build.interruptedBy ??= 'timeout';
    log(ctx, `Timeout of ${formatMs(spec.ms)} reached: cancelling nested steps`);
    controller.abort(interruption);
    spec.onFire?.();
  };
  let timer = setTimeout(fire, spec.ms);
  const touch = (): void => {
    if (fired) return;
    clearTimeout(timer);
    timer = setTimeout(fire, spec.ms);
  };
  log(
    ctx,
    spec.activity
      ? `Timeout set to expire after ${formatMs(spec.ms)} without activity`
      : `Timeout set to expire in ${formatMs(spec.ms)}`,
  );
  const inner = derive(ctx, {
    signal: controller.signal,
    activity: spec.activity ? [...ctx.activity, touch] : ctx.activity,
  });
  try {
    return await body(inner);
  } catch (err) {
    if (err === interruption) interruption.actualInterruption = false;
    throw err;
  } finally {
    clearTimeout(timer);
    dispose();
  }
}

const UNIT_MS: Record<string, number> = {
  NANOSECONDS: 1e-6,
  MICROSECONDS: 1e-3,
  MILLISECONDS: 1,
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};

/** `time` in `unit` (Jenkins' TimeUnit names), in milliseconds; undefined for an unknown unit. */
export function toMs(time: number, unit: string): number | undefined {
  const factor = UNIT_MS[unit.toUpperCase()];
  return factor === undefined ? undefined : time * factor;
}
