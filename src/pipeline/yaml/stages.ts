/**
 * `stages:` — a list of stages, each a mapping with a `name` and exactly one
 * body: `steps`, `stages` (sequential), `parallel` or `matrix`.
 */
import type { Node } from 'yaml';
import type { Axis, Matrix, MatrixExclude, Stage, StageBody } from '../model/pipeline.ts';
import type { Ctx } from './context.ts';
import { MATRIX_KEYS, STAGE_BODIES, STAGE_KEYS } from './format.ts';
import { readAgent } from './agent.ts';
import { readEnvironment, readTools } from './environment.ts';
import { readOptions } from './options.ts';
import { readInput, readPost } from './post.ts';
import type { Entry, Fields } from './read.ts';
import {
  asMap,
  compact,
  entries,
  fields,
  readBool,
  readSeq,
  readString,
  readStrings,
} from './read.ts';
import { readSteps } from './steps.ts';
import { suggest as closest } from '../diagnostics/suggest.ts';
import { readWhen } from './when.ts';
import { readExclude } from './matrix.ts';

export function readStages(ctx: Ctx, node: Node, what: string): Stage[] | undefined {
  const items = readSeq(ctx, node, what);
  if (!items) return undefined;
  if (items.length === 0) return ctx.error('missing-key', `${what} needs at least one stage`, node);
  const stages = items.map((item) => readStage(ctx, item));
  return stages.every((s) => s) ? (stages as Stage[]) : undefined;
}

function readStage(ctx: Ctx, node: Node): Stage | undefined {
  const f = fields(ctx, node, STAGE_KEYS, 'a stage');
  if (!f) return undefined;
  const name = f.name
    ? readString(ctx, f.name.value, '`name`')
    : ctx.error('missing-key', 'a stage needs a `name`', node);
  const body = readBody(ctx, f, node, name ?? 'a stage');
  const common = readCommon(ctx, f);
  const failFast = f.failFast ? readBool(ctx, f.failFast.value, '`failFast`') : false;
  if (name === undefined || !body || failFast === undefined) return undefined;
  return compact({ name, ...common, failFast, body, span: ctx.span(node) });
}

/** The directives a stage and a matrix share. */
function readCommon(
  ctx: Ctx,
  f: Fields<'agent' | 'options' | 'environment' | 'tools' | 'when' | 'input' | 'post'>,
) {
  return {
    agent: f.agent && readAgent(ctx, f.agent.value),
    options: readOptions(ctx, f.options?.value, 'stage'),
    environment: readEnvironment(ctx, f.environment?.value),
    tools: readTools(ctx, f.tools?.value),
    when: f.when && readWhen(ctx, f.when.value),
    input: f.input && readInput(ctx, f.input.value),
    post: readPost(ctx, f.post?.value),
  };
}

function readBody(
  ctx: Ctx,
  f: Fields<(typeof STAGE_BODIES)[number]>,
  node: Node,
  name: string,
): StageBody | undefined {
  const present = STAGE_BODIES.flatMap((k) => f[k] ?? []);
  const [body, extra] = present;
  if (!body) {
    if (misspeltBody(ctx, node)) return undefined;
    const list = STAGE_BODIES.map((k) => `\`${k}\``).join(', ');
    return ctx.error('missing-key', `stage \`${name}\` needs one of ${list}`, node);
  }
  if (extra) {
    return ctx.error(
      'conflicting-keys',
      `stage \`${name}\` has both \`${body.key}\` and \`${extra.key}\``,
      extra.keyNode,
      ['a stage has exactly one of `steps`, `stages`, `parallel`, `matrix`'],
    );
  }
  return readBodyOf(ctx, body);
}

function readBodyOf(ctx: Ctx, e: Entry): StageBody | undefined {
  const span = ctx.span(e.pair);
  switch (e.key) {
    case 'steps': {
      const steps = readSteps(ctx, e.value, '`steps`');
      return steps && { kind: 'steps', steps, span };
    }
    case 'stages':
    case 'parallel': {
      const stages = readStages(ctx, e.value, `\`${e.key}\``);
      return stages && { kind: e.key, stages, span };
    }
    default: {
      const matrix = readMatrix(ctx, e.value);
      return matrix && { kind: 'matrix', matrix, span };
    }
  }
}

function readMatrix(ctx: Ctx, node: Node): Matrix | undefined {
  const f = fields(ctx, node, MATRIX_KEYS, '`matrix`');
  if (!f) return undefined;
  if (!f.axes) ctx.error('missing-key', '`matrix` needs `axes`', node);
  if (!f.stages) ctx.error('missing-key', '`matrix` needs `stages`', node);
  const axes = f.axes && readAxes(ctx, f.axes.value);
  const names = new Set(axes?.map((a) => a.name));
  const excludes = f.excludes
    ? readSeq(ctx, f.excludes.value, '`excludes`')?.map((x) => readExclude(ctx, x, names))
    : [];
  const stages = f.stages && readStages(ctx, f.stages.value, '`matrix.stages`');
  const common = readCommon(ctx, f);
  if (!axes || !stages || !excludes || excludes.some((x) => !x)) return undefined;
  return compact({
    axes,
    excludes: excludes as MatrixExclude[],
    ...common,
    stages,
    span: ctx.span(node),
  });
}

function readAxes(ctx: Ctx, node: Node): Axis[] | undefined {
  const map = asMap(ctx, node, '`axes`');
  if (!map) return undefined;
  const axes: Axis[] = [];
  for (const e of entries(ctx, map)) {
    const values = readStrings(ctx, e.value, `axis \`${e.key}\``);
    if (values?.length === 0)
      ctx.error('invalid-value', `axis \`${e.key}\` needs at least one value`, e.value);
    else if (values) axes.push({ name: e.key, values, span: ctx.span(e.pair) });
  }
  if (axes.length === 0 && map.items.length === 0)
    return ctx.error('missing-key', '`axes` needs at least one axis', node);
  return axes;
}

/** A misspelt body key (`stpes`) was already reported with a suggestion; do not report it twice. */
function misspeltBody(ctx: Ctx, node: Node): boolean {
  const map = asMap(ctx, node, 'a stage');
  const known = new Set<string>(STAGE_KEYS);
  return !!map && entries(ctx, map).some((e) => !known.has(e.key) && closest(e.key, STAGE_BODIES));
}
