/**
 * Classes a script may construct with `new`, as the runner's Groovy subset
 * implements them (docs/groovy-subset.md): exceptions to `throw`, the
 * collections, and `String`. Anything else is a JDK or Jenkins class Rig
 * has no equivalent for.
 */
const EXCEPTIONS = new Set([
  'Throwable',
  'Exception',
  'Error',
  'RuntimeException',
  'IOException',
  'AbortException',
  'InterruptedException',
  'FlowInterruptedException',
  'GroovyRuntimeException',
  'MissingPropertyException',
  'MissingMethodException',
  'NullPointerException',
  'IllegalArgumentException',
  'IllegalStateException',
  'NumberFormatException',
  'PatternSyntaxException',
  'ArithmeticException',
  'IndexOutOfBoundsException',
  'UnsupportedOperationException',
]);

const VALUES = new Set([
  'ArrayList',
  'LinkedList',
  'Vector',
  'HashMap',
  'LinkedHashMap',
  'TreeMap',
  'HashSet',
  'LinkedHashSet',
  'TreeSet',
  'String',
]);

/** `java.lang.Exception` → `Exception`; generics and array brackets dropped. */
function simpleName(typeName: string): string {
  const plain = typeName.replace(/<.*$/s, '').replace(/\[\]$/, '');
  return plain.slice(plain.lastIndexOf('.') + 1);
}

export function isConstructible(typeName: string): boolean {
  const name = simpleName(typeName);
  return EXCEPTIONS.has(name) || VALUES.has(name);
}
