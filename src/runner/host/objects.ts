/** `env`, `params`, `currentBuild`, `scm` as the interpreter's host objects. */
import type { Span } from '../../pipeline/model/span.ts';
import type { ExecContext } from '../build/types.ts';
import { envGet, envSnapshot } from '../env/lookup.ts';
import { ScriptError } from '../errors.ts';
import { toStr } from '../groovy/format.ts';
import { HostObject } from '../groovy/values.ts';
import type { Value } from '../groovy/values.ts';
import {
  compareResult,
  currentBuildObject,
  currentBuildProperty,
  setCurrentBuildProperty,
} from './current-build.ts';

export const envObject = new HostObject(
  'env',
  undefined,
  () => 'org.jenkinsci.plugins.workflow.cps.EnvActionImpl',
);
const scmObject = new HostObject('scm', undefined, () => 'hudson.plugins.git.GitSCM');

export function paramsObject(ctx: ExecContext): HostObject {
  return new HostObject('params', undefined, () => toStr(paramsMap(ctx)));
}

function paramsMap(ctx: ExecContext): Map<Value, Value> {
  return new Map<Value, Value>(Object.entries(ctx.build.context.params));
}

/** Names after local variables: the global objects, then environment variables, then parameters. */
export function resolveGlobal(name: string, ctx: ExecContext): Value | undefined {
  switch (name) {
    case 'env':
      return envObject;
    case 'params':
      return paramsObject(ctx);
    case 'currentBuild':
      return currentBuildObject;
    case 'scm':
      return scmObject;
  }
  const fromEnv = envGet(ctx, name);
  if (fromEnv !== undefined) return fromEnv;
  const params = ctx.build.context.params;
  if (Object.hasOwn(params, name)) return params[name] ?? null;
  return undefined;
}

export function getHostProperty(
  obj: HostObject,
  name: string,
  span: Span,
  ctx: ExecContext,
): Value {
  switch (obj.type) {
    case 'env':
      return envGet(ctx, name) ?? null;
    case 'params':
      return ctx.build.context.params[name] ?? null;
    case 'currentBuild':
      return currentBuildProperty(ctx, name, span);
    case 'previousBuild':
      if (name === 'result' || name === 'currentResult') return obj.data as string;
      if (name === 'number') return ctx.build.context.buildNumber - 1;
      return null;
    case 'scm':
      return scmProperty(name, ctx);
  }
  throw new ScriptError(
    `No such property: ${name} for ${obj.type}`,
    span,
    'groovy.lang.MissingPropertyException',
  );
}

export function setHostProperty(
  obj: HostObject,
  name: string,
  value: Value,
  span: Span,
  ctx: ExecContext,
): void {
  if (obj.type === 'env') {
    if (value === null) ctx.build.scriptEnv.delete(name);
    else ctx.build.scriptEnv.set(name, toStr(value));
    return;
  }
  if (obj.type === 'currentBuild') return setCurrentBuildProperty(ctx, name, value, span);
  if (obj.type === 'params')
    throw new ScriptError('params are read-only', span, 'java.lang.UnsupportedOperationException');
  throw new ScriptError(
    `cannot set ${obj.type}.${name}`,
    span,
    'groovy.lang.ReadOnlyPropertyException',
  );
}

export function invokeHostMethod(
  obj: HostObject,
  name: string,
  args: Value[],
  span: Span,
  ctx: ExecContext,
): Promise<Value> | undefined {
  const first = args[0] ?? null;
  if (name === 'getProperty' && args.length === 1)
    return Promise.resolve(getHostProperty(obj, toStr(first), span, ctx));
  if (name === 'setProperty' && args.length === 2) {
    setHostProperty(obj, toStr(first), args[1] ?? null, span, ctx);
    return Promise.resolve(null);
  }
  if (obj.type === 'env' && name === 'getEnvironment')
    return Promise.resolve(new Map<Value, Value>(Object.entries(envSnapshot(ctx))));
  if (obj.type === 'currentBuild') {
    if (name === 'resultIsBetterOrEqualTo')
      return Promise.resolve(compareResult(ctx, first, true, span));
    if (name === 'resultIsWorseOrEqualTo')
      return Promise.resolve(compareResult(ctx, first, false, span));
    if (name === 'getBuildCauses')
      return Promise.resolve(currentBuildProperty(ctx, 'buildCauses', span));
    const getter = /^(get|is)([A-Z]\w*)$/.exec(name);
    if (getter?.[2] && args.length === 0)
      return Promise.resolve(currentBuildProperty(ctx, lowerFirst(getter[2]), span));
    const setter = /^set([A-Z]\w*)$/.exec(name);
    if (setter?.[1] && args.length === 1) {
      setCurrentBuildProperty(ctx, lowerFirst(setter[1]), first, span);
      return Promise.resolve(null);
    }
  }
  return undefined;
}

export function hostPlainValue(obj: HostObject, ctx: ExecContext): Value | undefined {
  if (obj.type === 'params') return paramsMap(ctx);
  if (obj.type === 'env') return new Map<Value, Value>(Object.entries(envSnapshot(ctx)));
  return undefined;
}

function scmProperty(name: string, ctx: ExecContext): Value {
  const branch = ctx.build.context.branch ?? '';
  if (name === 'branches') return [new Map<Value, Value>([['name', branch]])];
  if (name === 'userRemoteConfigs')
    return [new Map<Value, Value>([['url', ctx.build.context.env.GIT_URL ?? '']])];
  return null;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
