/** `time` + `unit` pairs (`timeout(time: 30, unit: 'MINUTES')`) as milliseconds. */
import type { Expr } from '../../model/groovy.ts';
import type { LowerContext } from './context.ts';
import type { Directive } from './directives.ts';
import { arg } from './values.ts';
import { numberValue } from './values.ts';

const UNIT_MS: Record<string, number> = {
  NANOSECONDS: 1e-6,
  MICROSECONDS: 1e-3,
  MILLISECONDS: 1,
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};

/** `'MINUTES'`, or Java's `TimeUnit.MINUTES` / `java.util.concurrent.TimeUnit.MINUTES`. */
function unitName(e: Expr): string | undefined {
  if (e.kind === 'str') return e.value;
  if (e.kind === 'prop') return e.name;
  if (e.kind === 'var') return e.name;
  return undefined;
}

/** Reads `time` (first positional) and `unit` (default `defaultUnit`); undefined after an error. */
export function durationMs(
  ctx: LowerContext,
  d: Directive,
  defaultUnit: string,
): number | undefined {
  const time = arg(d, 'time', 0);
  if (!time) {
    ctx.error('missing-argument', `\`${d.name}\` needs a \`time\``, d.span);
    return undefined;
  }
  const n = numberValue(ctx, time.value, `the \`time\` of \`${d.name}\``);
  const unitArg = arg(d, 'unit');
  const unit = unitArg ? unitName(unitArg.value) : defaultUnit;
  const factor = unit === undefined ? undefined : UNIT_MS[unit.toUpperCase()];
  if (factor === undefined) {
    ctx.unknown(
      'invalid-unit',
      `\`${unit ?? ctx.text(unitArg!.span)}\` is not a time unit`,
      unit ?? '',
      Object.keys(UNIT_MS),
      unitArg!.span,
    );
    return undefined;
  }
  return n === undefined ? undefined : Math.round(n * factor);
}
