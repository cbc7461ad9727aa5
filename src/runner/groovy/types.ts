/** Class names the subset knows: for `instanceof`, `as` casts and `catch (X e)`. */
import type { Span } from '../../pipeline/model/span.ts';
import { ScriptError } from '../errors.ts';
import { GClosure, GError, GPattern } from './values.ts';
import type { Value } from './values.ts';

/** The simple name of a possibly qualified class (`java.lang.String` → `String`). */
export function simpleName(name: string): string {
  const plain = name.replace(/\[\]$/, '');
  return plain.slice(plain.lastIndexOf('.') + 1);
}

const NUMBER_TYPES = new Set([
  'Integer',
  'int',
  'Long',
  'long',
  'Double',
  'double',
  'Float',
  'float',
  'BigDecimal',
  'BigInteger',
  'Number',
  'Short',
  'short',
]);

export function isInstance(v: Value, className: string, span: Span): boolean {
  const name = simpleName(className);
  if (name === 'Object' || name === 'def') return v !== null;
  if (v === null) return false;
  if (NUMBER_TYPES.has(name)) {
    if (typeof v !== 'number') return false;
    return ['Integer', 'int', 'Long', 'long', 'Short', 'short', 'BigInteger'].includes(name)
      ? Number.isInteger(v)
      : true;
  }
  switch (name) {
    case 'String':
    case 'GString':
    case 'CharSequence':
      return typeof v === 'string';
    case 'Boolean':
    case 'boolean':
      return typeof v === 'boolean';
    case 'List':
    case 'ArrayList':
    case 'Collection':
    case 'Iterable':
      return Array.isArray(v);
    case 'Map':
    case 'HashMap':
    case 'LinkedHashMap':
      return v instanceof Map;
    case 'Closure':
      return v instanceof GClosure;
    case 'Pattern':
      return v instanceof GPattern;
  }
  if (v instanceof GError) return errorIsA(v, name);
  throw new ScriptError(
    `class ${className} is outside the Groovy subset Rig supports`,
    span,
    'groovy.lang.MissingPropertyException',
  );
}

/** Exceptions form a small hierarchy, enough for the `catch` clauses Jenkinsfiles write. */
const PARENT: Record<string, string> = {
  AbortException: 'IOException',
  IOException: 'Exception',
  FlowInterruptedException: 'InterruptedException',
  InterruptedException: 'Exception',
  MissingPropertyException: 'GroovyRuntimeException',
  MissingMethodException: 'GroovyRuntimeException',
  GroovyRuntimeException: 'RuntimeException',
  NullPointerException: 'RuntimeException',
  IllegalArgumentException: 'RuntimeException',
  NumberFormatException: 'IllegalArgumentException',
  PatternSyntaxException: 'IllegalArgumentException',
  IllegalStateException: 'RuntimeException',
  ArithmeticException: 'RuntimeException',
  IndexOutOfBoundsException: 'RuntimeException',
  UnsupportedOperationException: 'RuntimeException',
  RuntimeException: 'Exception',
  Exception: 'Throwable',
  Error: 'Throwable',
};

export function errorIsA(e: GError, className: string): boolean {
  const wanted = simpleName(className);
  for (let c: string | undefined = simpleName(e.error.javaClass); c; c = PARENT[c]) {
    if (c === wanted) return true;
  }
  return wanted === 'Throwable';
}

/** Exception classes a script may construct with `new X(message)`. */
export function isExceptionClass(name: string): boolean {
  const simple = simpleName(name);
  return simple in PARENT || simple === 'Throwable';
}

/** The fully qualified name Jenkins would print for an exception class. */
export function qualifiedException(name: string): string {
  if (name.includes('.')) return name;
  const packages: Record<string, string> = {
    AbortException: 'hudson',
    IOException: 'java.io',
    FlowInterruptedException: 'org.jenkinsci.plugins.workflow.steps',
    MissingPropertyException: 'groovy.lang',
    MissingMethodException: 'groovy.lang',
    GroovyRuntimeException: 'groovy.lang',
    PatternSyntaxException: 'java.util.regex',
  };
  return `${packages[name] ?? 'java.lang'}.${name}`;
}
