/**
 * Values of the Groovy subset. Strings, numbers, booleans and null are JS
 * primitives; lists are arrays and maps are insertion-ordered `Map`s, both
 * mutable and shared by reference as in Groovy. The rest are small classes.
 */
import type { Param, Stmt } from '../../pipeline/model/groovy.ts';
import type { Span } from '../../pipeline/model/span.ts';
import type { PipelineError } from '../errors.ts';

export type Value =
  | null
  | string
  | number
  | boolean
  | Value[]
  | GMap
  | GClosure
  | GPattern
  | GMatcher
  | GEntry
  | GError
  | HostObject
  | GClassRef;

export type GMap = Map<Value, Value>;

export class GClosure {
  constructor(
    readonly params: Param[],
    readonly implicitIt: boolean,
    readonly body: Stmt[],
    readonly scope: Scope,
    readonly span: Span,
    /** Set for closures that stand for a top-level `def` function. */
    readonly functionName?: string,
  ) {}
  /** How many arguments the closure declares (an implicit `it` counts as one). */
  get arity(): number {
    return this.params.length === 0 && this.implicitIt ? 1 : this.params.length;
  }
}

/** `~/regex/`: a compiled pattern. */
export class GPattern {
  constructor(readonly source: string) {}
}

/** `str =~ /re/`: all matches, plus a cursor for `find()`/`group()`. */
export class GMatcher {
  cursor = -1;
  constructor(
    readonly input: string,
    readonly pattern: string,
    readonly matches: RegExpExecArray[],
    readonly whole: boolean,
  ) {}
}

/** A `Map.Entry` seen by `for (e in map)` and one-argument `map.each { e -> }`. */
export class GEntry {
  constructor(
    public key: Value,
    public value: Value,
  ) {}
}

/** A caught exception: `catch (e) { echo e.message }`. Rethrowing raises the original. */
export class GError {
  constructor(readonly error: PipelineError) {}
}

/** `Integer`, `String`, `Math`…: a class name used for static calls, casts and instanceof. */
export class GClassRef {
  constructor(readonly name: string) {}
}

/**
 * Objects the runner provides (`env`, `params`, `currentBuild`, `scm`): the
 * interpreter forwards property and method access to the host.
 */
export class HostObject {
  constructor(
    readonly type: string,
    readonly data?: unknown,
    /** What `toString()` and string interpolation show. */
    readonly describe: () => string = () => type,
  ) {}
}

export function isMap(v: Value): v is GMap {
  return v instanceof Map;
}

export function isList(v: Value): v is Value[] {
  return Array.isArray(v);
}

/** Groovy truth: null, false, 0, '' and empty collections are false. */
export function truthy(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (v instanceof GMatcher) return v.matches.length > 0;
  return true;
}

/** The Java-ish type name used in error messages. */
export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'java.lang.String';
  if (typeof v === 'number')
    return Number.isInteger(v) ? 'java.lang.Integer' : 'java.math.BigDecimal';
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (Array.isArray(v)) return 'java.util.ArrayList';
  if (v instanceof Map) return 'java.util.LinkedHashMap';
  if (v instanceof GClosure) return 'groovy.lang.Closure';
  if (v instanceof GPattern) return 'java.util.regex.Pattern';
  if (v instanceof GMatcher) return 'java.util.regex.Matcher';
  if (v instanceof GEntry) return 'java.util.Map$Entry';
  if (v instanceof GError) return v.error.javaClass;
  if (v instanceof GClassRef) return 'java.lang.Class';
  return v.type;
}

/**
 * Lexical scopes. The root is the build's binding: names assigned without
 * `def` land there and are visible to every script block, stage and
 * function, as in a Jenkinsfile.
 */
export class Scope {
  private readonly vars = new Map<string, Value>();

  constructor(readonly parent: Scope | undefined) {}

  child(): Scope {
    return new Scope(this);
  }

  declare(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  /** The scope that holds `name`, if any. */
  lookup(name: string): Scope | undefined {
    if (this.vars.has(name)) return this;
    return this.parent?.lookup(name);
  }

  get(name: string): Value {
    return this.vars.get(name) ?? null;
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  /** Assignment: to the declaring scope, else to the binding (the root). */
  assign(name: string, value: Value): void {
    const holder = this.lookup(name) ?? this.root();
    holder.vars.set(name, value);
  }

  root(): Scope {
    return this.parent ? this.parent.root() : this;
  }
}
