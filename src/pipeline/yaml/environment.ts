/**
 * `environment:`, `parameters:`, `triggers:` and `tools:` — mappings keyed by
 * name, in file order.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { EnvVar, Parameter, ParameterKind, Tool, Trigger } from '../model/pipeline.ts';
import type { Ctx } from './context.ts';
import {
  ENV_NAME,
  PARAMETER_TYPES,
  ParameterFormat,
  TriggersFormat,
  keysAt,
  keysOf,
} from './format.ts';
import type { Entry } from './read.ts';
import {
  asMap,
  compact,
  entries,
  fields,
  readBool,
  readEnum,
  readStrings,
  readString,
} from './read.ts';
import { stringExpr } from './values.ts';

const PARAMETER_KEYS = keysOf(ParameterFormat);
const TRIGGER_KEYS = keysOf(TriggersFormat);
const UPSTREAM_KEYS = keysAt(TriggersFormat, ['upstream'], ['projects', 'threshold']);
const CREDENTIALS_KEYS = ['credentials'] as const;

/** Entries of a name-keyed mapping whose names are valid variable names. */
function namedEntries(ctx: Ctx, node: Node | undefined, what: string): Entry[] {
  const map = node && asMap(ctx, node, what);
  if (!map) return [];
  return entries(ctx, map).filter((e) => ENV_NAME.test(e.key) || badName(ctx, e));
}

function badName(ctx: Ctx, e: Entry): false {
  ctx.error('invalid-value', `\`${e.key}\` is not a valid variable name`, e.keyNode, [
    'names are letters, digits and `_`, not starting with a digit',
  ]);
  return false;
}

export function readEnvironment(ctx: Ctx, node: Node | undefined): EnvVar[] {
  const out: EnvVar[] = [];
  for (const e of namedEntries(ctx, node, '`environment`')) {
    const span = ctx.span(e.pair);
    if (isMap(e.value)) {
      const c = fields(ctx, e.value, CREDENTIALS_KEYS, `\`${e.key}\``);
      if (!c) continue;
      if (!c.credentials) {
        ctx.error('missing-key', `\`${e.key}\` needs \`credentials\``, e.value);
        continue;
      }
      const id = readString(ctx, c.credentials.value, '`credentials`');
      const at = ctx.span(c.credentials.pair);
      if (id !== undefined)
        out.push({ name: e.key, value: { kind: 'credentials', id, span: at }, span });
      continue;
    }
    const expr = stringExpr(ctx, e.value, `\`${e.key}\``);
    if (expr) out.push({ name: e.key, value: { kind: 'expr', expr }, span });
  }
  return out;
}

export function readParameters(ctx: Ctx, node: Node | undefined): Parameter[] {
  const out: Parameter[] = [];
  for (const e of namedEntries(ctx, node, '`parameters`')) {
    const p = readParameter(ctx, e);
    if (p) out.push(p);
  }
  return out;
}

function readParameter(ctx: Ctx, e: Entry): Parameter | undefined {
  const span = ctx.span(e.pair);
  const name = e.key;
  if (isSeq(e.value)) {
    const choices = readStrings(ctx, e.value, `\`${name}\``);
    return choices && choice(ctx, e.value, name, choices, span);
  }
  if (isScalar(e.value)) {
    if (typeof e.value.value === 'boolean') {
      return { kind: 'booleanParam', name, defaultValue: e.value.value, span };
    }
    const value = readString(ctx, e.value, `\`${name}\``);
    return value === undefined ? undefined : { kind: 'string', name, defaultValue: value, span };
  }
  const f = fields(ctx, e.value, PARAMETER_KEYS, `parameter \`${name}\``);
  if (!f) return undefined;
  const type = f.type
    ? readEnum(ctx, f.type.value, '`type`', PARAMETER_TYPES)
    : f.choices
      ? 'choice'
      : f.default && isScalar(f.default.value) && typeof f.default.value.value === 'boolean'
        ? 'boolean'
        : 'string';
  if (!type) return undefined;
  const description = f.description && readString(ctx, f.description.value, '`description`');
  const trim = f.trim && readBool(ctx, f.trim.value, '`trim`');
  const base = compact({ name, description, trim, span });
  if (type === 'choice') return choiceParameter(ctx, e, f, base);
  if (f.choices)
    return ctx.error('conflicting-keys', `\`choices\` needs \`type: choice\``, f.choices.keyNode);
  const kind: ParameterKind = type === 'boolean' ? 'booleanParam' : type;
  if (!f.default) return { kind, ...base };
  const defaultValue =
    kind === 'booleanParam'
      ? readBool(ctx, f.default.value, '`default`')
      : readString(ctx, f.default.value, '`default`');
  return defaultValue === undefined ? undefined : { kind, ...base, defaultValue };
}

function choiceParameter(
  ctx: Ctx,
  e: Entry,
  f: { choices?: Entry; default?: Entry },
  base: Omit<Parameter, 'kind'>,
): Parameter | undefined {
  if (f.default) {
    return ctx.error(
      'conflicting-keys',
      'a `choice` parameter has no `default`',
      f.default.keyNode,
      ['the first of `choices` is the default'],
    );
  }
  if (!f.choices)
    return ctx.error('missing-key', `parameter \`${e.key}\` needs \`choices\``, e.value);
  const choices = readStrings(ctx, f.choices.value, '`choices`');
  const p = choices && choice(ctx, f.choices.value, e.key, choices, base.span);
  return p && { ...p, ...base, kind: 'choice' };
}

function choice(
  ctx: Ctx,
  node: Node,
  name: string,
  choices: string[],
  span: Parameter['span'],
): Parameter | undefined {
  if (choices.length === 0)
    return ctx.error('invalid-value', `\`${name}\` needs at least one choice`, node);
  return { kind: 'choice', name, defaultValue: choices[0]!, choices, span };
}

export function readTriggers(ctx: Ctx, node: Node | undefined): Trigger[] {
  const f = node && fields(ctx, node, TRIGGER_KEYS, '`triggers`');
  if (!f) return [];
  const out: Trigger[] = [];
  for (const key of ['cron', 'pollSCM'] as const) {
    const e = f[key];
    const spec = e && readString(ctx, e.value, `\`${key}\``);
    if (e && spec !== undefined) out.push({ kind: key, spec, span: ctx.span(e.pair) });
  }
  const up = f.upstream && fields(ctx, f.upstream.value, UPSTREAM_KEYS, '`upstream`');
  if (f.upstream && up) {
    if (!up.projects) ctx.error('missing-key', '`upstream` needs `projects`', f.upstream.value);
    const projects = up.projects && readStrings(ctx, up.projects.value, '`projects`');
    const threshold =
      up.threshold &&
      readEnum(ctx, up.threshold.value, '`threshold`', ['SUCCESS', 'UNSTABLE', 'FAILURE'] as const);
    const span = ctx.span(f.upstream.pair);
    if (projects) out.push(compact({ kind: 'upstream', projects, threshold, span }));
  }
  return out.sort((a, b) => a.span.offset - b.span.offset);
}

export function readTools(ctx: Ctx, node: Node | undefined): Tool[] {
  const map = node && asMap(ctx, node, '`tools`');
  if (!map) return [];
  const out: Tool[] = [];
  for (const e of entries(ctx, map)) {
    const name = readString(ctx, e.value, `\`${e.key}\``);
    if (name !== undefined) out.push({ type: e.key, name, span: ctx.span(e.pair) });
  }
  return out;
}
