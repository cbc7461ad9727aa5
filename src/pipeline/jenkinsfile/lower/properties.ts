/**
 * `properties([...])` before `pipeline { }`: the scripted way to say what the
 * declarative `options`, `parameters` and `triggers` sections say. Jenkins
 * applies it when the script runs; Rig reads it as those sections instead, so
 * it is taken out of the prelude and never runs as a step.
 *
 *   properties([buildDiscarder(logRotator(numToKeepStr: '5')),
 *               parameters([string(name: 'X')]),
 *               pipelineTriggers([cron('H 2 * * *')])])
 */
import type { ClosureExpr, Expr, Stmt } from '../../model/groovy.ts';
import type { Options, Pipeline } from '../../model/pipeline.ts';
import type { LowerContext } from './context.ts';
import type { Directive } from './directives.ts';
import { lowerOptions } from './options.ts';
import { lowerParameters } from './parameters.ts';
import { lowerTriggers } from './triggers.ts';

type Call = Extract<Expr, { kind: 'call' }>;

export function isPropertiesCall(s: Stmt): s is Stmt & { kind: 'expr'; expr: Call } {
  return s.kind === 'expr' && s.expr.kind === 'call' && s.expr.callee === 'properties';
}

/** The sections a `properties([...])` call stands for, merged into `p`. */
export function lowerProperties(ctx: LowerContext, call: Call, p: Pipeline): void {
  const list = call.args.length === 1 ? call.args[0]!.value : undefined;
  if (list?.kind !== 'list' || call.args[0]!.name !== undefined || call.closure) {
    ctx.error('unexpected-argument', '`properties` takes one list: `properties([…])`', call.span);
    return;
  }
  const options: Expr[] = [];
  for (const item of list.items) {
    const inner = wrapperItems(item);
    if (inner && item.kind === 'call' && item.callee === 'parameters')
      p.parameters.push(...lowerParameters(ctx, section('parameters', inner, item)));
    else if (inner && item.kind === 'call' && item.callee === 'pipelineTriggers')
      p.triggers.push(...lowerTriggers(ctx, section('triggers', inner, item)));
    else if (item.kind === 'call') options.push(item);
    else classProperty(ctx, item);
  }
  if (options.length > 0)
    p.options = mergeOptions(
      lowerOptions(ctx, section('options', options, list), 'pipeline'),
      p.options,
    );
}

/** The list inside `parameters([...])` or `pipelineTriggers([...])`. */
function wrapperItems(item: Expr): Expr[] | undefined {
  if (item.kind !== 'call' || item.args.length !== 1) return undefined;
  const v = item.args[0]!.value;
  return v.kind === 'list' ? v.items : undefined;
}

/** The entries as if they had been written in a `name { … }` section. */
function section(name: string, items: Expr[], at: Expr): Directive {
  const block: ClosureExpr = {
    kind: 'closure',
    params: [],
    implicitIt: true,
    body: items.map((e) => ({ kind: 'expr', expr: e, span: e.span })),
    span: at.span,
  };
  return { name, args: [], block, parens: false, span: at.span, nameSpan: at.span };
}

/** The pipeline's own `options { }` wins over `properties` where both set something. */
function mergeOptions(fromProperties: Options, own: Options): Options {
  return { ...fromProperties, ...own, other: [...fromProperties.other, ...own.other] };
}

/** `[$class: 'GithubProjectProperty', …]`: a Jenkins class, not something a section can say. */
function classProperty(ctx: LowerContext, item: Expr): void {
  const cls =
    item.kind === 'map'
      ? item.entries.find((e) => e.key.kind === 'str' && e.key.value === '$class')?.value
      : undefined;
  const name = cls?.kind === 'str' ? `\`[$class: '${cls.value}', …]\`` : 'this entry';
  ctx.error(
    'unsupported-property',
    `${name} in \`properties\` is a Jenkins job property Rig cannot read; write it as an option, parameter or trigger of the pipeline, or remove it`,
    item.span,
  );
}
