/**
 * Shared libraries: `library 'name@version'`, `library identifier: '…'`
 * at the top level, and the `libraries { lib('name@version') }` section.
 * Rig does not load them; validation names their steps as unknown.
 */
import type { Expr } from '../../model/groovy.ts';
import type { LibraryRef } from '../../model/pipeline.ts';
import type { LowerContext } from './context.ts';
import { entriesOf, type Directive } from './directives.ts';
import { arg, runtimeString } from './values.ts';

function ref(ctx: LowerContext, e: Expr): LibraryRef | undefined {
  if (e.kind !== 'str' && e.kind !== 'gstring') {
    ctx.error('expected-string', "a library is named by a string such as `'my-lib@1.0'`", e.span);
    return undefined;
  }
  const value = runtimeString(ctx, e);
  const at = value.indexOf('@');
  return at < 0
    ? { name: value, span: e.span }
    : { name: value.slice(0, at), version: value.slice(at + 1), span: e.span };
}

/** `library 'x@1'` or `library identifier: 'x@1', retriever: …`. */
export function libraryRefs(ctx: LowerContext, d: Directive): LibraryRef[] {
  const a = arg(d, 'identifier', 0);
  if (!a) {
    ctx.error('missing-argument', '`library` needs a library name', d.span);
    return [];
  }
  const r = ref(ctx, a.value);
  return r ? [r] : [];
}

export function lowerLibraries(ctx: LowerContext, d: Directive): LibraryRef[] {
  const out: LibraryRef[] = [];
  for (const l of entriesOf(ctx, d, { blocks: false })) {
    if (l.name !== 'lib' || l.args.length !== 1) {
      ctx.error('invalid-library', "expected `lib('name@version')` in `libraries`", l.span);
      continue;
    }
    const r = ref(ctx, l.args[0]!.value);
    if (r) out.push(r);
  }
  return out;
}
