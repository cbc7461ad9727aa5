/**
 * `options:` of the pipeline, a stage or a matrix. Durations are `30m`,
 * `90s`, `1h30m` or numbers; a bare number means what Jenkins means for that
 * option (timeout: minutes, quietPeriod: seconds) and, for Rig's own options,
 * the unit of their default (postTimeout: minutes, killGrace: seconds).
 */
import { isMap, isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Options, RetryOption, TimeoutOption } from '../model/pipeline.ts';
import type { Ctx } from './context.ts';
import { OptionsFormat, STAGE_OPTIONS, keysAt, keysOf } from './format.ts';
import type { Entry } from './read.ts';
import {
  compact,
  fields,
  readBool,
  readEnum,
  readNumber,
  readStrings,
  readString,
} from './read.ts';
import { TIME_UNITS, parseDuration, parseSize } from './units.ts';

const OPTION_KEYS = keysOf(OptionsFormat);
const RETRY_CONDITIONS = ['agent', 'nonresumable', 'kubernetesAgent'] as const;
const TIMEOUT_KEYS = keysAt(OptionsFormat, ['timeout'], ['time', 'unit', 'activity']);
const RETRY_KEYS = keysAt(OptionsFormat, ['retry'], ['count', 'conditions']);
const CONCURRENCY_KEYS = keysAt(OptionsFormat, ['disableConcurrentBuilds'], ['abortPrevious']);
const DISCARDER_KEYS = keysAt(OptionsFormat, ['buildDiscarder'], ['numToKeep', 'daysToKeep']);
const LIMITS_KEYS = keysAt(OptionsFormat, ['limits'], ['memory', 'cpus', 'pids']);
const MINUTE = 60_000;
const SECOND = 1000;

export type OptionScope = 'pipeline' | 'stage';

export function readOptions(ctx: Ctx, node: Node | undefined, scope: OptionScope): Options {
  const f = node && fields(ctx, node, OPTION_KEYS, '`options`');
  if (f && scope === 'stage') dropPipelineOnly(ctx, f);
  if (!f) return { other: [] };
  const span = (e: Entry) => ctx.span(e.pair);
  const flag = (e: Entry | undefined) =>
    e && readBool(ctx, e.value, `\`${e.key}\``) ? { span: span(e) } : undefined;
  const ms = (e: Entry | undefined, unit: number) => {
    const v = e && readDuration(ctx, e.value, `\`${e.key}\``, unit);
    return e && v !== undefined ? { ms: v, span: span(e) } : undefined;
  };
  const text = (e: Entry | undefined) => (e ? readString(ctx, e.value, `\`${e.key}\``) : undefined);
  const quiet = ms(f.quietPeriod, SECOND);
  const ansi = text(f.ansiColor);
  const dir = text(f.checkoutToSubdirectory);
  return compact({
    timeout: f.timeout && readTimeout(ctx, f.timeout),
    retry: f.retry && readRetry(ctx, f.retry),
    skipDefaultCheckout: flag(f.skipDefaultCheckout),
    skipStagesAfterUnstable: flag(f.skipStagesAfterUnstable),
    parallelsAlwaysFailFast: flag(f.parallelsAlwaysFailFast),
    disableConcurrentBuilds:
      f.disableConcurrentBuilds && readConcurrency(ctx, f.disableConcurrentBuilds),
    disableResume: flag(f.disableResume),
    quietPeriod: quiet && { seconds: quiet.ms / SECOND, span: quiet.span },
    timestamps: flag(f.timestamps),
    ansiColor: ansi === undefined ? undefined : { colorMap: ansi, span: span(f.ansiColor!) },
    checkoutToSubdirectory:
      dir === undefined ? undefined : { dir, span: span(f.checkoutToSubdirectory!) },
    buildDiscarder: f.buildDiscarder && readDiscarder(ctx, f.buildDiscarder),
    postTimeout: ms(f.postTimeout, MINUTE),
    killGrace: ms(f.killGrace, SECOND),
    limits: f.limits && readLimits(ctx, f.limits),
    other: [],
  });
}

/** A duration string, or a number of `unit` milliseconds. */
export function readDuration(ctx: Ctx, node: Node, what: string, unit: number): number | undefined {
  if (isScalar(node) && typeof node.value === 'number') {
    return readNumber(ctx, node, what, { min: 0 }) === undefined
      ? undefined
      : Math.round(node.value * unit);
  }
  if (isScalar(node) && typeof node.value === 'string') {
    const ms = parseDuration(node.value);
    if (ms !== undefined) return ms;
  }
  return ctx.error(
    'invalid-value',
    `${what} must be a duration such as \`30m\`, \`90s\` or \`1h30m\`, or a number`,
    node,
  );
}

function readTimeout(ctx: Ctx, e: Entry): TimeoutOption | undefined {
  const span = ctx.span(e.pair);
  if (!isMap(e.value)) {
    const ms = readDuration(ctx, e.value, '`timeout`', MINUTE);
    return ms === undefined ? undefined : { ms, activity: false, span };
  }
  const t = fields(ctx, e.value, TIMEOUT_KEYS, '`timeout`');
  if (!t) return undefined;
  if (!t.time) return ctx.error('missing-key', '`timeout` needs `time`', e.value);
  const unit = t.unit
    ? readEnum(
        ctx,
        t.unit.value,
        '`unit`',
        Object.keys(TIME_UNITS) as Array<keyof typeof TIME_UNITS>,
      )
    : 'MINUTES';
  const ms = unit && readDuration(ctx, t.time.value, '`time`', TIME_UNITS[unit]);
  const activity = t.activity ? readBool(ctx, t.activity.value, '`activity`') : false;
  if (ms === undefined || activity === undefined) return undefined;
  return { ms, activity, span };
}

function readRetry(ctx: Ctx, e: Entry): RetryOption | undefined {
  const span = ctx.span(e.pair);
  if (!isMap(e.value)) {
    const count = readNumber(ctx, e.value, '`retry`', { integer: true, min: 1 });
    return count === undefined ? undefined : { count, conditions: [], span };
  }
  const r = fields(ctx, e.value, RETRY_KEYS, '`retry`');
  if (!r) return undefined;
  if (!r.count) return ctx.error('missing-key', '`retry` needs `count`', e.value);
  const count = readNumber(ctx, r.count.value, '`count`', { integer: true, min: 1 });
  const names = r.conditions ? readStrings(ctx, r.conditions.value, '`conditions`') : [];
  const conditions = names?.map((n) =>
    (RETRY_CONDITIONS as readonly string[]).includes(n) ? n : undefined,
  );
  if (r.conditions && conditions?.includes(undefined)) {
    ctx.error(
      'invalid-value',
      `\`conditions\` may hold ${RETRY_CONDITIONS.map((c) => `\`${c}\``).join(', ')}`,
      r.conditions.value,
    );
    return undefined;
  }
  if (count === undefined || !conditions) return undefined;
  return { count, conditions: conditions as RetryOption['conditions'], span };
}

function readConcurrency(ctx: Ctx, e: Entry): Options['disableConcurrentBuilds'] {
  const span = ctx.span(e.pair);
  if (!isMap(e.value))
    return readBool(ctx, e.value, '`disableConcurrentBuilds`')
      ? { abortPrevious: false, span }
      : undefined;
  const c = fields(ctx, e.value, CONCURRENCY_KEYS, '`disableConcurrentBuilds`');
  const abortPrevious = c?.abortPrevious
    ? readBool(ctx, c.abortPrevious.value, '`abortPrevious`')
    : false;
  return abortPrevious === undefined || !c ? undefined : { abortPrevious, span };
}

function readDiscarder(ctx: Ctx, e: Entry): Options['buildDiscarder'] {
  const d = fields(ctx, e.value, DISCARDER_KEYS, '`buildDiscarder`');
  if (!d) return undefined;
  const count = (x: Entry | undefined) =>
    x && readNumber(ctx, x.value, `\`${x.key}\``, { integer: true, min: 1 });
  return compact({
    numToKeep: count(d.numToKeep),
    daysToKeep: count(d.daysToKeep),
    span: ctx.span(e.pair),
  });
}

function readLimits(ctx: Ctx, e: Entry): Options['limits'] {
  const l = fields(ctx, e.value, LIMITS_KEYS, '`limits`');
  if (!l) return undefined;
  return compact({
    memoryBytes: l.memory && readSize(ctx, l.memory.value),
    cpus: l.cpus && readNumber(ctx, l.cpus.value, '`cpus`', { min: 0.01 }),
    pids: l.pids && readNumber(ctx, l.pids.value, '`pids`', { integer: true, min: 1 }),
    span: ctx.span(e.pair),
  });
}

function readSize(ctx: Ctx, node: Node): number | undefined {
  if (isScalar(node) && typeof node.value === 'number') {
    return readNumber(ctx, node, '`memory`', { integer: true, min: 1 });
  }
  const bytes =
    isScalar(node) && typeof node.value === 'string' ? parseSize(node.value) : undefined;
  if (bytes !== undefined && bytes > 0) return bytes;
  return ctx.error(
    'invalid-value',
    '`memory` must be a size such as `512M` or `2G`, or a number of bytes',
    node,
  );
}

/** Options of the whole build (quietPeriod, buildDiscarder, …) are refused on a stage. */
function dropPipelineOnly(ctx: Ctx, f: Partial<Record<(typeof OPTION_KEYS)[number], Entry>>): void {
  const allowed = new Set<string>(STAGE_OPTIONS);
  for (const key of OPTION_KEYS) {
    const e = f[key];
    if (!e || allowed.has(key)) continue;
    ctx.error(
      'option-scope',
      `\`${key}\` can only be used in the pipeline's options, not in a stage's`,
      e.keyNode,
      [`options a stage accepts: ${STAGE_OPTIONS.join(', ')}`],
    );
    delete f[key];
  }
}
