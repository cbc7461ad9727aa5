/**
 * `currentBuild`: Jenkins' RunWrapper as Jenkinsfiles use it. `result` only
 * gets worse; in post blocks it reads the logical result Jenkins shows there.
 */
import type { Span } from '../../pipeline/model/span.ts';
import type { BuildResult } from '../../pipeline/model/pipeline.ts';
import type { BuildState, ExecContext } from '../build/types.ts';
import { ScriptError } from '../errors.ts';
import { toStr } from '../groovy/format.ts';
import { HostObject } from '../groovy/values.ts';
import type { Value } from '../groovy/values.ts';
import { isWorse, parseResult, worst } from '../results.ts';

interface Meta {
  displayName?: string;
  description?: string;
}
const meta = new WeakMap<BuildState, Meta>();

function metaOf(build: BuildState): Meta {
  let m = meta.get(build);
  if (!m) meta.set(build, (m = {}));
  return m;
}

export const currentBuildObject = new HostObject(
  'currentBuild',
  undefined,
  () => 'org.jenkinsci.plugins.workflow.support.steps.build.RunWrapper',
);

export function previousBuildObject(ctx: ExecContext): HostObject | null {
  const prev = ctx.build.context.previousResult;
  if (!prev) return null;
  return new HostObject(
    'previousBuild',
    prev,
    () => `${ctx.build.context.jobName} #${ctx.build.context.buildNumber - 1}`,
  );
}

function resultOf(ctx: ExecContext): BuildResult | null {
  return ctx.resultView?.value ?? ctx.build.result;
}

export function currentBuildProperty(ctx: ExecContext, name: string, span: Span): Value {
  const c = ctx.build.context;
  const m = metaOf(ctx.build);
  switch (name) {
    case 'result':
      return resultOf(ctx);
    case 'currentResult':
      return resultOf(ctx) ?? 'SUCCESS';
    case 'number':
      return c.buildNumber;
    case 'id':
      return String(c.buildNumber);
    case 'displayName':
      return m.displayName ?? `#${c.buildNumber}`;
    case 'fullDisplayName':
      return `${c.jobName} ${m.displayName ?? `#${c.buildNumber}`}`;
    case 'description':
      return m.description ?? null;
    case 'projectName':
      return c.jobName.split('/').pop() ?? c.jobName;
    case 'fullProjectName':
      return c.jobName;
    case 'previousBuild':
    case 'previousCompletedBuild':
      return previousBuildObject(ctx);
    case 'duration':
      return Date.now() - ctx.build.startedAt;
    case 'durationString':
      return `${Math.round((Date.now() - ctx.build.startedAt) / 1000)} sec`;
    case 'startTimeInMillis':
    case 'timeInMillis':
      return ctx.build.startedAt;
    case 'buildCauses':
      return c.causes.map(
        (cause) =>
          new Map<Value, Value>([
            ['_class', cause.cause],
            ['shortDescription', cause.detail ?? cause.cause],
          ]),
      );
    case 'changeSets':
      return [];
    case 'absoluteUrl':
      return '';
    case 'keepLog':
      return false;
    case 'buildVariables':
      return new Map<Value, Value>(Object.entries(c.params));
    case 'rawBuild':
      throw new ScriptError(
        'currentBuild.rawBuild exposes Jenkins internals, which Rig does not have',
        span,
        'groovy.lang.MissingPropertyException',
      );
    default:
      throw new ScriptError(
        `No such property: ${name} for currentBuild`,
        span,
        'groovy.lang.MissingPropertyException',
      );
  }
}

export function setCurrentBuildProperty(
  ctx: ExecContext,
  name: string,
  value: Value,
  span: Span,
): void {
  const m = metaOf(ctx.build);
  switch (name) {
    case 'result': {
      const r = parseResult(toStr(value));
      if (!r)
        throw new ScriptError(
          `invalid build result '${toStr(value)}'`,
          span,
          'java.lang.IllegalArgumentException',
        );
      setResultFromScript(ctx, r);
      return;
    }
    case 'displayName':
      m.displayName = toStr(value);
      return;
    case 'description':
      m.description = value === null ? undefined : toStr(value);
      return;
    case 'keepLog':
      return;
    default:
      throw new ScriptError(
        `currentBuild.${name} cannot be set`,
        span,
        'groovy.lang.ReadOnlyPropertyException',
      );
  }
}

/** In post, only a result worse than the logical one sticks (Jenkins restores it otherwise). */
function setResultFromScript(ctx: ExecContext, r: BuildResult): void {
  const view = ctx.resultView;
  if (!view) return ctx.build.setResult(r);
  if (isWorse(r, view.value)) {
    view.value = r;
    ctx.build.setResult(r);
  }
}

export function compareResult(
  ctx: ExecContext,
  other: Value,
  better: boolean,
  span: Span,
): boolean {
  const r = parseResult(toStr(other));
  if (!r)
    throw new ScriptError(
      `invalid build result '${toStr(other)}'`,
      span,
      'java.lang.IllegalArgumentException',
    );
  const mine = resultOf(ctx) ?? 'SUCCESS';
  return better ? worst(mine, r) === r : worst(mine, r) === mine;
}
