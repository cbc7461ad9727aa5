/**
 * Static members of the few JDK classes Jenkinsfiles call: `Integer.parseInt`,
 * `String.format`, `Math.max`, `System.currentTimeMillis`… Anything else on
 * a class is an error naming it.
 */
import { ScriptError } from '../../errors.ts';
import { toStr } from '../format.ts';
import { GClassRef, GPattern } from '../values.ts';
import type { Value } from '../values.ts';
import { javaFormat } from './java-format.ts';
import { simpleName, isExceptionClass } from '../types.ts';
import type { MethodEnv, MethodTable } from './support.ts';
import { argAt, numArg, parseDecimal, parseInteger, strArg } from './support.ts';

const KNOWN = new Set([
  'Integer',
  'Long',
  'Double',
  'Float',
  'Boolean',
  'String',
  'Math',
  'System',
  'Object',
  'List',
  'Map',
  'ArrayList',
  'HashMap',
  'LinkedHashMap',
  'Closure',
  'Pattern',
  'Number',
  'BigDecimal',
  'BigInteger',
  'Character',
  'Collections',
  'Short',
  'Set',
  'HashSet',
  'GString',
  'CharSequence',
  'Iterable',
  'Collection',
]);
const PACKAGES = new Set(['java', 'javax', 'groovy', 'hudson', 'org', 'jenkins', 'com']);

/** A bare name that names a class or a package root, or undefined. */
export function classNamed(name: string): GClassRef | undefined {
  if (KNOWN.has(name) || isExceptionClass(name) || PACKAGES.has(name)) return new GClassRef(name);
  return undefined;
}

export function isPackage(ref: GClassRef): boolean {
  const last = simpleName(ref.name);
  return last.charAt(0) === last.charAt(0).toLowerCase();
}

const INTEGER: MethodTable<null> = {
  parseInt: (_s, a, e) =>
    a.length > 1
      ? parseRadix(strArg(a, 0, e, 'parseInt'), numArg(a, 1, e, 'parseInt'), e)
      : parseInteger(strArg(a, 0, e, 'parseInt'), e),
  valueOf: (_s: null, a: Value[], e: MethodEnv) =>
    typeof a[0] === 'number' ? Math.trunc(a[0]) : parseInteger(strArg(a, 0, e, 'valueOf'), e),
  toString: (_s: null, a: Value[], e: MethodEnv) =>
    a.length > 1
      ? Math.trunc(numArg(a, 0, e, 'toString')).toString(numArg(a, 1, e, 'toString'))
      : toStr(a[0] ?? null),
  max: (_s, a, e) => Math.max(numArg(a, 0, e, 'max'), numArg(a, 1, e, 'max')),
  min: (_s, a, e) => Math.min(numArg(a, 0, e, 'min'), numArg(a, 1, e, 'min')),
};

const DOUBLE: MethodTable<null> = {
  parseDouble: (_s, a, e) => parseDecimal(strArg(a, 0, e, 'parseDouble'), e),
  parseFloat: (_s, a, e) => parseDecimal(strArg(a, 0, e, 'parseFloat'), e),
  valueOf: (_s: null, a: Value[], e: MethodEnv) =>
    typeof a[0] === 'number' ? a[0] : parseDecimal(strArg(a, 0, e, 'valueOf'), e),
};

const STATICS: Record<string, MethodTable<null>> = {
  Integer: INTEGER,
  Long: { ...INTEGER, parseLong: INTEGER.parseInt as MethodTable<null>[string] },
  Short: INTEGER,
  Double: DOUBLE,
  Float: DOUBLE,
  BigDecimal: DOUBLE,
  Boolean: {
    parseBoolean: (_s, a) => toStr(a[0] ?? null).toLowerCase() === 'true',
    valueOf: (_s: null, a: Value[]) =>
      typeof a[0] === 'boolean' ? a[0] : toStr(a[0] ?? null).toLowerCase() === 'true',
    toString: (_s: null, a: Value[]) => toStr(a[0] ?? null),
  },
  String: {
    valueOf: (_s: null, a: Value[]) => toStr(a[0] ?? null),
    format: (_s, a, e) => javaFormat(strArg(a, 0, e, 'format'), a.slice(1), e.span),
    join: (_s, a, e) => joinArgs(a, e),
  },
  Math: {
    max: (_s, a, e) => Math.max(numArg(a, 0, e, 'max'), numArg(a, 1, e, 'max')),
    min: (_s, a, e) => Math.min(numArg(a, 0, e, 'min'), numArg(a, 1, e, 'min')),
    abs: (_s, a, e) => Math.abs(numArg(a, 0, e, 'abs')),
    floor: (_s, a, e) => Math.floor(numArg(a, 0, e, 'floor')),
    ceil: (_s, a, e) => Math.ceil(numArg(a, 0, e, 'ceil')),
    round: (_s, a, e) => Math.round(numArg(a, 0, e, 'round')),
    pow: (_s, a, e) => numArg(a, 0, e, 'pow') ** numArg(a, 1, e, 'pow'),
    sqrt: (_s, a, e) => Math.sqrt(numArg(a, 0, e, 'sqrt')),
    random: () => Math.random(),
  },
  System: {
    currentTimeMillis: () => Date.now(),
    nanoTime: () => Math.round(performance.now() * 1e6),
    lineSeparator: () => '\n',
  },
  Pattern: {
    compile: (_s, a, e) => new GPattern(strArg(a, 0, e, 'compile')),
    quote: (_s, a, e) => strArg(a, 0, e, 'quote').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    matches: (_s, a, e) =>
      new RegExp(`^(?:${strArg(a, 0, e, 'matches')})$`).test(strArg(a, 1, e, 'matches')),
  },
  Collections: {
    emptyList: () => [],
    emptyMap: () => new Map(),
    unmodifiableList: (_s, a) => a[0] ?? null,
    unmodifiableMap: (_s, a) => a[0] ?? null,
  },
};

const FIELDS: Record<string, Record<string, Value>> = {
  Integer: { MAX_VALUE: 2147483647, MIN_VALUE: -2147483648 },
  Long: { MAX_VALUE: Number.MAX_SAFE_INTEGER, MIN_VALUE: Number.MIN_SAFE_INTEGER },
  Math: { PI: Math.PI, E: Math.E },
};

export function staticMethod(
  ref: GClassRef,
  name: string,
  args: Value[],
  env: MethodEnv,
): Value | Promise<Value> {
  const table = STATICS[simpleName(ref.name)];
  const method = table && Object.hasOwn(table, name) ? table[name] : undefined;
  if (!method) {
    throw new ScriptError(
      `${ref.name}.${name}() is outside the Groovy subset Rig supports`,
      env.span,
      'groovy.lang.MissingMethodException',
    );
  }
  return method(null, args, env);
}

export function staticField(ref: GClassRef, name: string, env: MethodEnv): Value {
  if (name === 'name') return ref.name;
  if (name === 'simpleName') return simpleName(ref.name);
  if (isPackage(ref)) return new GClassRef(`${ref.name}.${name}`);
  const fields = FIELDS[simpleName(ref.name)];
  if (fields && Object.hasOwn(fields, name)) return fields[name] ?? null;
  throw new ScriptError(
    `${ref.name}.${name} is outside the Groovy subset Rig supports`,
    env.span,
    'groovy.lang.MissingPropertyException',
  );
}

function parseRadix(s: string, radix: number, e: MethodEnv): number {
  const n = Number.parseInt(s.trim(), radix);
  if (Number.isNaN(n))
    throw new ScriptError(`For input string: "${s}"`, e.span, 'java.lang.NumberFormatException');
  return n;
}

function joinArgs(a: Value[], e: MethodEnv): string {
  const sep = strArg(a, 0, e, 'join');
  const rest = argAt(a, 1, e, 'join');
  return (Array.isArray(rest) ? rest : a.slice(1)).map(toStr).join(sep);
}
