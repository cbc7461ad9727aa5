/**
 * `environment { NAME = value }`. Values stay expressions (the runner
 * interpolates them in order, so later entries may use earlier ones);
 * `credentials('id')` is kept apart for the credential provider.
 */
import type { Stmt } from '../../model/groovy.ts';
import type { EnvVar } from '../../model/pipeline.ts';
import type { LowerContext } from './context.ts';
import { describeStmt, type Directive } from './directives.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function lowerEnvironment(ctx: LowerContext, d: Directive): EnvVar[] {
  const out: EnvVar[] = [];
  const seen = new Set<string>();
  for (const s of d.block?.body ?? []) {
    const v = envVar(ctx, s);
    if (!v) continue;
    if (seen.has(v.name))
      ctx.warn(
        'duplicate-env',
        `\`${v.name}\` is set twice in this \`environment\`; the last value wins`,
        v.span,
      );
    seen.add(v.name);
    out.push(v);
  }
  return out;
}

function envVar(ctx: LowerContext, s: Stmt): EnvVar | undefined {
  const e = s.kind === 'expr' ? s.expr : undefined;
  if (!e || e.kind !== 'assign' || e.op !== '=' || e.target.kind !== 'var') {
    ctx.error(
      'invalid-environment',
      `expected \`NAME = value\` in \`environment\`, found ${describeStmt(s)}`,
      s.span,
    );
    return undefined;
  }
  const name = e.target.name;
  if (!NAME.test(name)) {
    ctx.error(
      'invalid-environment',
      `\`${name}\` is not a valid environment variable name`,
      e.target.span,
    );
  }
  const value = e.value;
  if (value.kind === 'call' && value.callee === 'credentials') {
    const id = value.args.length === 1 ? value.args[0]!.value : undefined;
    if (!id || id.kind !== 'str' || value.args[0]!.name !== undefined) {
      ctx.error(
        'invalid-environment',
        "`credentials` takes one credentials id as a string: `credentials('my-id')`",
        value.span,
      );
      return undefined;
    }
    return { name, value: { kind: 'credentials', id: id.value, span: value.span }, span: s.span };
  }
  return { name, value: { kind: 'expr', expr: value }, span: s.span };
}
