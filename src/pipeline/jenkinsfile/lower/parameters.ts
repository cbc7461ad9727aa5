/** `parameters { string(…); booleanParam(…); choice(…) … }`, also reused by `input`. */
import type { Parameter, ParameterKind } from '../../model/pipeline.ts';
import { resolveConstant } from './constants.ts';
import type { LowerContext } from './context.ts';
import { entriesOf, type Directive } from './directives.ts';
import { arg, quotedString, boolValue, checkArgs, stringList, stringValue } from './values.ts';

const KINDS: readonly ParameterKind[] = [
  'string',
  'text',
  'booleanParam',
  'choice',
  'password',
  'file',
  'run',
  'credentials',
];

const COMMON = ['name', 'description', 'defaultValue'];
const EXTRA: Record<ParameterKind, string[]> = {
  string: ['trim'],
  text: ['trim'],
  booleanParam: [],
  choice: ['choices'],
  password: [],
  file: [],
  run: ['projectName', 'filter'],
  credentials: ['credentialType', 'required'],
};

export function lowerParameters(ctx: LowerContext, d: Directive): Parameter[] {
  const out: Parameter[] = [];
  const names = new Set<string>();
  for (const p of entriesOf(ctx, d, { blocks: false })) {
    const param = lowerParameter(ctx, p);
    if (!param) continue;
    if (names.has(param.name))
      ctx.error('duplicate-parameter', `the parameter \`${param.name}\` is declared twice`, p.span);
    names.add(param.name);
    out.push(param);
  }
  return out;
}

function lowerParameter(ctx: LowerContext, p: Directive): Parameter | undefined {
  if (!(KINDS as readonly string[]).includes(p.name)) {
    ctx.unknown(
      'unsupported-parameter',
      `the parameter type \`${p.name}\` is not supported by Rig`,
      p.name,
      KINDS,
      p.nameSpan,
    );
    return undefined;
  }
  const kind = p.name as ParameterKind;
  checkArgs(ctx, p, [...COMMON, ...EXTRA[kind]], 0);
  const nameArg = arg(p, 'name');
  const name = nameArg && quotedString(ctx, nameArg.value, 'the parameter name');
  if (!name) {
    if (!nameArg) ctx.error('missing-argument', `\`${p.name}\` needs a \`name\``, p.span);
    return undefined;
  }
  const param: Parameter = { kind, name, span: p.span };
  const description = arg(p, 'description');
  if (description) param.description = stringValue(ctx, description.value, 'the description') ?? '';
  readDefault(ctx, p, param);
  if (kind === 'choice') readChoices(ctx, p, param);
  const trim = arg(p, 'trim');
  if (trim) param.trim = boolValue(ctx, trim.value, '`trim`') ?? false;
  return param;
}

function readDefault(ctx: LowerContext, p: Directive, param: Parameter): void {
  const def = arg(p, 'defaultValue');
  if (!def) return;
  if (param.kind === 'booleanParam') {
    const b = boolValue(ctx, def.value, 'the default of a boolean parameter');
    if (b !== undefined) param.defaultValue = b;
    return;
  }
  const s = stringValue(ctx, resolveConstant(ctx.constants, def.value), 'the default value');
  if (s !== undefined) param.defaultValue = s;
}

/** `choices: ['a', 'b']`, or Jenkins' older newline-separated string `'a\nb'`. */
function readChoices(ctx: LowerContext, p: Directive, param: Parameter): void {
  const c = arg(p, 'choices');
  if (!c) {
    ctx.error('missing-argument', '`choice` needs `choices`', p.span);
    return;
  }
  const value = resolveConstant(ctx.constants, c.value);
  const list =
    value.kind === 'str'
      ? value.value.split('\n')
      : stringList(ctx, value.kind === 'list' ? value.items : [value], 'a choice');
  param.choices = list;
  if (list.length > 0 && param.defaultValue === undefined) param.defaultValue = list[0]!;
}
