/**
 * Blocks of simple settings, written either way Jenkins accepts:
 * `docker { image 'x'; args '-v a:b' }` or `docker(image: 'x', args: '…')`.
 */
import type { Expr } from '../../model/groovy.ts';
import type { Span } from '../../model/span.ts';
import type { LowerContext } from './context.ts';
import { directivesOf, type Directive } from './directives.ts';
import { boolValue, numberValue, runtimeString, stringList } from './values.ts';

/** `any`: accepted and kept as source text, for settings Rig does not act on. */
export type SettingKind = 'string' | 'bool' | 'number' | 'strings' | 'block' | 'any';

export type SettingValue = string | boolean | number | string[] | Directive;

export interface Setting {
  value: SettingValue;
  span: Span;
}

export type Settings = Map<string, Setting>;

/**
 * Reads the settings of `d`. `positional` names the setting a lone argument
 * sets (`docker 'img'` sets `image`).
 */
export function readSettings(
  ctx: LowerContext,
  d: Directive,
  spec: Record<string, SettingKind>,
  positional?: string,
): Settings {
  const out: Settings = new Map();
  const put = (name: string, values: Expr[], span: Span, block?: Directive): void => {
    const kind = spec[name];
    if (!kind) {
      ctx.unknown(
        'unknown-setting',
        `\`${d.name}\` has no setting \`${name}\``,
        name,
        Object.keys(spec),
        span,
      );
      return;
    }
    if (out.has(name)) {
      ctx.error('duplicate-setting', `\`${name}\` is set more than once in \`${d.name}\``, span);
      return;
    }
    const value = block && kind === 'block' ? block : convert(ctx, kind, values, name, span);
    if (value !== undefined) out.set(name, { value, span });
  };
  for (const a of d.args) {
    if (a.name !== undefined) put(a.name, [a.value], a.span);
    else if (positional) put(positional, [a.value], a.span);
    else
      ctx.error(
        'unexpected-argument',
        `\`${d.name}\` takes named settings, not a plain value`,
        a.span,
      );
  }
  for (const inner of directivesOf(ctx, d.block, `in \`${d.name}\``)) {
    put(
      inner.name,
      inner.args.map((a) => a.value),
      inner.span,
      inner,
    );
  }
  return out;
}

function convert(
  ctx: LowerContext,
  kind: SettingKind,
  values: Expr[],
  name: string,
  span: Span,
): SettingValue | undefined {
  const what = `\`${name}\``;
  if (kind === 'strings') return stringList(ctx, values, what);
  if (kind === 'any') return values.map((v) => ctx.text(v.span)).join(', ');
  if (values.length !== 1) {
    ctx.error('expected-one-value', `${what} takes exactly one value`, span);
    return undefined;
  }
  const v = values[0]!;
  switch (kind) {
    case 'string':
      return runtimeString(ctx, v);
    case 'bool':
      return boolValue(ctx, v, what);
    case 'number':
      return numberValue(ctx, v, what);
    case 'block':
      ctx.error('missing-block', `${what} needs a block`, span);
      return undefined;
  }
}

export function getString(s: Settings, name: string): string | undefined {
  const v = s.get(name)?.value;
  return typeof v === 'string' ? v : undefined;
}

export function getBool(s: Settings, name: string): boolean | undefined {
  const v = s.get(name)?.value;
  return typeof v === 'boolean' ? v : undefined;
}

export function getNumber(s: Settings, name: string): number | undefined {
  const v = s.get(name)?.value;
  return typeof v === 'number' ? v : undefined;
}

export function getStrings(s: Settings, name: string): string[] | undefined {
  const v = s.get(name)?.value;
  return Array.isArray(v) ? v : undefined;
}
