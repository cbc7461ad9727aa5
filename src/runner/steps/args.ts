/**
 * Binds a call's arguments to the step's parameters, as Jenkins does: a
 * single positional argument is the step's default parameter (`sh 'make'`
 * is `sh(script: 'make')`), and a lone map argument is the named arguments.
 */
import type { Span } from '../../pipeline/model/span.ts';
import { stepSignature } from '../../pipeline/steps/catalog.ts';
import { ScriptError } from '../errors.ts';
import { toStr } from '../groovy/format.ts';
import type { CallArgs } from '../groovy/host.ts';
import { truthy, typeName } from '../groovy/values.ts';
import type { Value } from '../groovy/values.ts';

export class StepArgs {
  constructor(
    readonly step: string,
    readonly values: ReadonlyMap<string, Value>,
    readonly span: Span,
  ) {}

  has(name: string): boolean {
    return this.values.has(name) && this.values.get(name) !== null;
  }

  raw(name: string): Value {
    return this.values.get(name) ?? null;
  }

  str(name: string): string {
    if (!this.has(name))
      throw new ScriptError(
        `${this.step}: missing required parameter '${name}'`,
        this.span,
        'java.lang.IllegalArgumentException',
      );
    return toStr(this.raw(name));
  }

  optStr(name: string): string | undefined {
    return this.has(name) ? toStr(this.raw(name)) : undefined;
  }

  bool(name: string, fallback: boolean): boolean {
    if (!this.has(name)) return fallback;
    const v = this.raw(name);
    return typeof v === 'string' ? v.toLowerCase() === 'true' : truthy(v);
  }

  num(name: string): number {
    const v = this.raw(name);
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
    if (Number.isNaN(n))
      throw new ScriptError(
        `${this.step}: parameter '${name}' must be a number, got ${typeName(v)}`,
        this.span,
        'java.lang.IllegalArgumentException',
      );
    return n;
  }

  list(name: string): Value[] {
    const v = this.raw(name);
    if (v === null) return [];
    return Array.isArray(v) ? v : [v];
  }
}

export function bindArgs(step: string, args: CallArgs, span: Span): StepArgs {
  const values = new Map<string, Value>(args.named ?? []);
  const positional = args.positional;
  const only = positional[0];
  const sig = stepSignature(step);
  const known = new Set(sig?.params.map((p) => p.name) ?? []);
  const allKnown = only instanceof Map && [...only.keys()].every((k) => known.has(toStr(k)));
  if (
    positional.length === 1 &&
    !args.named &&
    only instanceof Map &&
    (allKnown || !sig?.positional)
  ) {
    for (const [k, v] of only) values.set(toStr(k), v);
    return new StepArgs(step, values, span);
  }
  if (positional.length > 0) {
    const target = sig?.positional;
    if (!target || positional.length > 1) {
      throw new ScriptError(
        `${step}: unexpected positional argument(s); use name: value`,
        span,
        'java.lang.IllegalArgumentException',
      );
    }
    values.set(target, only ?? null);
  }
  return new StepArgs(step, values, span);
}
