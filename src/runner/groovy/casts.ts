/** `x as Integer`, `(String) x`, and typed declarations (`int n = '3'` fails, `String s = 3` works). */
import type { Span } from '../../pipeline/model/span.ts';
import { ScriptError } from '../errors.ts';
import { groovyEquals } from './compare.ts';
import { toStr } from './format.ts';
import { simpleName } from './types.ts';
import { GEntry, truthy, typeName } from './values.ts';
import type { Value } from './values.ts';

export function castTo(v: Value, type: string, span: Span, declaration = false): Value {
  const name = simpleName(type);
  const array = type.endsWith('[]');
  if (array) return toList(v, span, type);
  if (v === null) return null;
  switch (name) {
    case 'def':
    case 'Object':
    case 'var':
      return v;
    case 'String':
    case 'GString':
    case 'CharSequence':
      return toStr(v);
    case 'Integer':
    case 'int':
    case 'Long':
    case 'long':
    case 'Short':
    case 'short':
    case 'BigInteger':
      return toNumber(v, span, type, declaration, true);
    case 'Double':
    case 'double':
    case 'Float':
    case 'float':
    case 'BigDecimal':
    case 'Number':
      return toNumber(v, span, type, declaration, false);
    case 'Boolean':
    case 'boolean':
      return typeof v === 'boolean' ? v : truthy(v);
    case 'List':
    case 'ArrayList':
    case 'Collection':
    case 'Iterable':
      return toList(v, span, type);
    case 'Set':
    case 'HashSet':
    case 'LinkedHashSet':
      return toList(v, span, type).filter(
        (x, i, all) => all.findIndex((y) => groovyEquals(x, y)) === i,
      );
    case 'Map':
    case 'HashMap':
    case 'LinkedHashMap':
      if (v instanceof Map) return v;
      break;
    case 'Closure':
      return v;
  }
  throw new ScriptError(
    `cannot cast ${typeName(v)} to ${type}`,
    span,
    'org.codehaus.groovy.runtime.typehandling.GroovyCastException',
  );
}

function toNumber(
  v: Value,
  span: Span,
  type: string,
  declaration: boolean,
  integral: boolean,
): number {
  if (typeof v === 'number') return integral ? Math.trunc(v) : v;
  if (typeof v === 'string' && !declaration) {
    const t = v.trim();
    const ok = integral ? /^[+-]?\d+$/.test(t) : t !== '' && !Number.isNaN(Number(t));
    if (!ok)
      throw new ScriptError(`For input string: "${v}"`, span, 'java.lang.NumberFormatException');
    return integral ? Number.parseInt(t, 10) : Number(t);
  }
  if (typeof v === 'boolean' && !declaration) return v ? 1 : 0;
  throw new ScriptError(
    `cannot cast ${typeName(v)} to ${type}`,
    span,
    'org.codehaus.groovy.runtime.typehandling.GroovyCastException',
  );
}

function toList(v: Value, span: Span, type: string): Value[] {
  if (v === null) return [];
  if (Array.isArray(v)) return [...v];
  if (v instanceof Map) return [...v].map(([k, val]) => new GEntry(k, val));
  if (typeof v === 'string') return [...v];
  throw new ScriptError(
    `cannot cast ${typeName(v)} to ${type}`,
    span,
    'org.codehaus.groovy.runtime.typehandling.GroovyCastException',
  );
}
