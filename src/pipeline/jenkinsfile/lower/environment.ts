/**
 * `environment { NAME = value }`. Values stay expressions (the runner
 * interpolates them in order, so later entries may use earlier ones);
 * `credentials('id')` is kept apart for the credential provider.
 *
 * Like Jenkins, a value must be a string, a GString, a function call, or
 * strings joined with `+`: `FOO = params.X` is refused (write `"${params.X}"`).
 */
import type { Expr, Stmt } from '../../model/groovy.ts';
import type { EnvVar } from '../../model/pipeline.ts';
import type { LowerContext } from './context.ts';
import { describeStmt, type Directive } from './directives.ts';
import { runtimeString } from './values.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function lowerEnvironment(ctx: LowerContext, d: Directive): EnvVar[] {
  const out: EnvVar[] = [];
  const seen = new Set<string>();
  const body = d.block?.body ?? [];
  if (body.length === 0)
    ctx.error(
      'empty-section',
      '`environment` is empty: add `NAME = value` lines or remove it',
      d.span,
    );
  for (const s of body) {
    const v = envVar(ctx, s);
    if (!v) continue;
    if (seen.has(v.name))
      ctx.error('duplicate-env', `the environment variable \`${v.name}\` is set twice`, v.span);
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
  if (value.kind === 'call' && value.callee === 'credentials')
    return credentialsVar(ctx, name, value, s);
  if (!checkValue(ctx, value, true)) return undefined;
  return { name, value: { kind: 'expr', expr: value }, span: s.span };
}

function credentialsVar(
  ctx: LowerContext,
  name: string,
  value: Extract<Expr, { kind: 'call' }>,
  s: Stmt,
): EnvVar | undefined {
  const id = value.args.length === 1 ? value.args[0]!.value : undefined;
  if (!id || value.args[0]!.name !== undefined || (id.kind !== 'str' && id.kind !== 'gstring')) {
    ctx.error(
      'invalid-environment',
      "`credentials` takes one credentials id as a string: `credentials('my-id')`",
      value.span,
    );
    return undefined;
  }
  // A GString id (`credentials("${PREFIX}-key")`) keeps its `${…}` for the runner to expand.
  const credId = runtimeString(ctx, id);
  return { name, value: { kind: 'credentials', id: credId, span: value.span }, span: s.span };
}

/** Jenkins' rule for environment values; `top` is false inside a `+` chain. */
function checkValue(ctx: LowerContext, v: Expr, top: boolean): boolean {
  switch (v.kind) {
    case 'str':
    case 'gstring':
      return true;
    case 'num':
    case 'bool':
    case 'null':
    case 'call':
    case 'method':
      if (top) return true;
      break;
    case 'binary':
      if (v.op === '+') return checkValue(ctx, v.left, false) && checkValue(ctx, v.right, false);
      break;
    default:
      break;
  }
  const message = top
    ? 'an environment value must be a quoted string, a GString, a function call, or strings joined with `+`'
    : 'only quoted strings can be joined with `+` in `environment`';
  const simple = v.kind === 'var' || v.kind === 'prop' || v.kind === 'index';
  const notes = simple ? [`interpolate it instead: \`"\${${ctx.text(v.span)}}"\``] : undefined;
  ctx.error('invalid-environment', message, v.span, notes);
  return false;
}
