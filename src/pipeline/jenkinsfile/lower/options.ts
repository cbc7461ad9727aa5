/**
 * `options { }`: the options Rig honours become typed fields; options
 * Jenkins accepts but that mean nothing under Rig go to `other` with the
 * reason; unknown names are errors with "did you mean".
 */
import type { Expr } from '../../model/groovy.ts';
import type { Options, RetryOption } from '../../model/pipeline.ts';
import type { LowerContext } from './context.ts';
import { entriesOf, type Directive } from './directives.ts';
import { durationMs } from './durations.ts';
import {
  IGNORED_OPTIONS,
  PIPELINE_ONLY,
  STAGE_OPTION_NAMES,
  TYPED_OPTIONS,
} from './option-names.ts';
import { arg, boolValue, checkArgs, literalString, numberValue, stringValue } from './values.ts';

export type OptionScope = 'pipeline' | 'stage';

export function emptyOptions(): Options {
  return { other: [] };
}

export function lowerOptions(ctx: LowerContext, d: Directive, scope: OptionScope): Options {
  const options = emptyOptions();
  const seen = new Set<string>();
  for (const o of entriesOf(ctx, d, { blocks: false })) {
    if (seen.has(o.name)) {
      ctx.error('duplicate-option', `the option \`${o.name}\` is given more than once`, o.nameSpan);
      continue;
    }
    seen.add(o.name);
    if (scope === 'stage' && PIPELINE_ONLY.has(o.name)) {
      ctx.error(
        'option-scope',
        `\`${o.name}\` can only be used in the pipeline's options, not in a stage's`,
        o.nameSpan,
        [`options a stage accepts: ${STAGE_OPTION_NAMES.join(', ')}`],
      );
      continue;
    }
    lowerOption(ctx, o, options);
  }
  return options;
}

function lowerOption(ctx: LowerContext, o: Directive, options: Options): void {
  const reason = IGNORED_OPTIONS.get(o.name);
  if (reason !== undefined) {
    options.other.push({ name: o.name, args: o.args, reason, span: o.span });
    return;
  }
  if (!TYPED_OPTIONS.includes(o.name)) {
    ctx.unknown(
      'unknown-option',
      `\`${o.name}\` is not an option`,
      o.name,
      [...TYPED_OPTIONS, ...IGNORED_OPTIONS.keys()],
      o.nameSpan,
    );
    return;
  }
  if (o.block && o.name !== 'timeout' && o.name !== 'retry') {
    ctx.error('unexpected-block', `the option \`${o.name}\` takes no block`, o.block.span);
  }
  applyTyped(ctx, o, options);
}

function applyTyped(ctx: LowerContext, o: Directive, options: Options): void {
  const span = o.span;
  switch (o.name) {
    case 'timeout':
      return timeoutOption(ctx, o, options);
    case 'retry':
      return retryOption(ctx, o, options);
    case 'skipDefaultCheckout':
    case 'skipStagesAfterUnstable':
    case 'parallelsAlwaysFailFast':
    case 'disableResume':
    case 'timestamps':
      if (flagEnabled(ctx, o)) options[o.name] = { span };
      return;
    case 'disableConcurrentBuilds': {
      checkArgs(ctx, o, ['abortPrevious'], 0);
      const a = arg(o, 'abortPrevious');
      options.disableConcurrentBuilds = { abortPrevious: abortPrevious(ctx, a?.value), span };
      return;
    }
    case 'quietPeriod': {
      const s = single(ctx, o, 'quietPeriod');
      const n = s && numberValue(ctx, s, 'the quiet period (seconds)');
      if (n !== undefined) options.quietPeriod = { seconds: n, span };
      return;
    }
    case 'ansiColor': {
      const s = single(ctx, o, 'colorMapName');
      const map = s && stringValue(ctx, s, 'the colour map');
      if (map) options.ansiColor = { colorMap: map, span };
      return;
    }
    case 'checkoutToSubdirectory': {
      const s = single(ctx, o, 'value');
      const dir = s && literalString(ctx, s, 'the directory');
      if (dir !== undefined && dir !== '') options.checkoutToSubdirectory = { dir, span };
      return;
    }
    case 'buildDiscarder':
      return buildDiscarder(ctx, o, options);
    case 'postTimeout':
    case 'killGrace': {
      checkArgs(ctx, o, ['time', 'unit'], 1);
      const ms = durationMs(ctx, o, o.name === 'postTimeout' ? 'MINUTES' : 'SECONDS');
      if (ms !== undefined) options[o.name] = { ms, span };
      return;
    }
    case 'resourceLimits':
      return resourceLimits(ctx, o, options);
  }
}

/** The one argument of `name(x)` or `name(key: x)`. */
function single(ctx: LowerContext, o: Directive, key: string): Expr | undefined {
  const a = arg(o, key, 0);
  if (!a || o.args.length !== 1) {
    ctx.error('missing-argument', `\`${o.name}\` takes exactly one value`, o.span);
    return undefined;
  }
  return a.value;
}

/**
 * Jenkins evaluates option arguments when the build starts, so real files
 * write `abortPrevious: isChangeRequest()`. Rig needs the value before the
 * build: a computed one is reported and the safe default (do not abort) kept.
 */
function abortPrevious(ctx: LowerContext, e: Expr | undefined): boolean {
  if (!e) return false;
  if (e.kind === 'bool' || e.kind === 'str') return boolValue(ctx, e, '`abortPrevious`') ?? false;
  ctx.warn(
    'dynamic-option',
    '`abortPrevious` is computed at run time; Rig keeps `false` (a new build does not abort the running one)',
    e.span,
  );
  return false;
}

/** `flag()`, `flag(true)` or `flag(false)`. */
function flagEnabled(ctx: LowerContext, o: Directive): boolean {
  if (o.args.length === 0) return true;
  checkArgs(ctx, o, [], 1);
  return boolValue(ctx, o.args[0]!.value, `\`${o.name}\``) ?? false;
}

function timeoutOption(ctx: LowerContext, o: Directive, options: Options): void {
  checkArgs(ctx, o, ['time', 'unit', 'activity'], 1);
  const ms = durationMs(ctx, o, 'MINUTES');
  const act = arg(o, 'activity');
  const activity = act ? (boolValue(ctx, act.value, '`activity`') ?? false) : false;
  if (ms !== undefined) options.timeout = { ms, activity, span: o.span };
}

const RETRY_CONDITIONS = ['agent', 'nonresumable', 'kubernetesAgent'] as const;

function retryOption(ctx: LowerContext, o: Directive, options: Options): void {
  checkArgs(ctx, o, ['count', 'conditions'], 1);
  const c = arg(o, 'count', 0);
  const count = c ? numberValue(ctx, c.value, 'the retry count') : undefined;
  if (!c) ctx.error('missing-argument', '`retry` needs a count', o.span);
  const conditions: RetryOption['conditions'] = [];
  const conds = arg(o, 'conditions');
  if (conds) {
    const items = conds.value.kind === 'list' ? conds.value.items : [conds.value];
    for (const item of items) {
      const name = item.kind === 'call' ? item.callee : item.kind === 'var' ? item.name : '';
      if ((RETRY_CONDITIONS as readonly string[]).includes(name))
        conditions.push(name as RetryOption['conditions'][number]);
      else
        ctx.unknown(
          'invalid-value',
          `\`${ctx.text(item.span)}\` is not a retry condition`,
          name,
          RETRY_CONDITIONS.map((n) => `${n}()`),
          item.span,
        );
    }
  }
  if (count !== undefined) options.retry = { count, conditions, span: o.span };
}

function buildDiscarder(ctx: LowerContext, o: Directive, options: Options): void {
  const strategy = o.args.length === 1 ? o.args[0]!.value : undefined;
  if (!strategy || strategy.kind !== 'call' || strategy.callee !== 'logRotator') {
    options.other.push({
      name: o.name,
      args: o.args,
      reason:
        'Rig keeps builds by its own retention settings; only `logRotator` counts are recorded',
      span: o.span,
    });
    return;
  }
  const discarder: NonNullable<Options['buildDiscarder']> = { span: o.span };
  for (const a of strategy.args) {
    const key = a.name ?? '';
    if (key.startsWith('artifact')) continue;
    const target = key.startsWith('numToKeep')
      ? 'numToKeep'
      : key.startsWith('daysToKeep')
        ? 'daysToKeep'
        : undefined;
    if (!target) {
      ctx.unknown(
        'unknown-argument',
        `\`logRotator\` has no parameter \`${key}\``,
        key,
        ['numToKeepStr', 'daysToKeepStr', 'artifactNumToKeepStr', 'artifactDaysToKeepStr'],
        a.span,
      );
      continue;
    }
    // Jenkins takes '' (and -1) for "no limit".
    if (a.value.kind === 'str' && a.value.value.trim() === '') continue;
    if (a.value.kind !== 'num' && a.value.kind !== 'str') {
      // Retention is not worth failing a build over: note it and keep Rig's default.
      ctx.warn(
        'dynamic-option',
        `\`${key}\` is computed at run time; Rig ignores it and keeps its default retention`,
        a.value.span,
      );
      continue;
    }
    const n = numberValue(ctx, a.value, `\`${key}\``);
    if (n !== undefined && n >= 0) discarder[target] = n;
  }
  options.buildDiscarder = discarder;
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  K: 1024,
  M: 1024 ** 2,
  G: 1024 ** 3,
  T: 1024 ** 4,
};

function resourceLimits(ctx: LowerContext, o: Directive, options: Options): void {
  checkArgs(ctx, o, ['memory', 'cpus', 'pids'], 0);
  const limits: NonNullable<Options['limits']> = { span: o.span };
  const memory = arg(o, 'memory');
  if (memory) {
    const m =
      memory.value.kind === 'str'
        ? /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*$/i.exec(memory.value.value)
        : null;
    if (m) limits.memoryBytes = Math.round(Number(m[1]) * SIZE_UNITS[m[2]!.toUpperCase()]!);
    else if (memory.value.kind === 'num') limits.memoryBytes = memory.value.value;
    else
      ctx.error('invalid-value', "`memory` must be a size such as `'512M'` or `'2G'`", memory.span);
  }
  const cpus = arg(o, 'cpus');
  if (cpus) limits.cpus = numberValue(ctx, cpus.value, '`cpus`');
  const pids = arg(o, 'pids');
  if (pids) limits.pids = numberValue(ctx, pids.value, '`pids`');
  options.limits = limits;
}
