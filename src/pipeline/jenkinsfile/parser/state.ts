/**
 * Parser state shared by the grammar modules: the token cursor, diagnostics,
 * and panic-mode recovery. A syntax error records a diagnostic and throws
 * `Abort`; the nearest statement loop catches it and resynchronises at the
 * next statement, so one pass reports many errors and never escapes.
 *
 * The grammar modules reach each other through `Grammar` hooks instead of
 * imports, which keeps the module graph acyclic (expressions contain
 * closures, closures contain statements, statements contain expressions).
 */
import type { ClosureExpr, Expr, FunctionDef, Stmt } from '../../model/groovy.ts';
import type { LibraryRef } from '../../model/pipeline.ts';
import type { Span } from '../../model/span.ts';
import { error, warning, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { Source } from '../source.ts';
import type { TokenBuffer } from '../token-buffer.ts';
import { describeToken, type Token } from '../tokens.ts';

export interface Grammar {
  /** An expression; `minBp` is the Pratt binding power to stop below. */
  expr(p: ParserState, minBp?: number): Expr;
  /** An expression, or a command call without parentheses (`sh 'make'`). */
  commandOrExpr(p: ParserState): Expr;
  /** Statements up to (not including) a `}`, the end, or where `stop` says. */
  statements(p: ParserState, stop?: (p: ParserState) => boolean): Stmt[];
  /** A closure literal starting at `{`. */
  closure(p: ParserState): ClosureExpr;
  /** A `{ … }` block or a single statement, as the body of `if`, `for`, … */
  body(p: ParserState): Stmt[];
  /** One statement (several for `def a = 1, b = 2`; none for a function definition). */
  statement(p: ParserState): StmtResult;
}

export type StmtResult = Stmt | Stmt[] | undefined;

export class Abort extends Error {
  constructor() {
    super('syntax error');
  }
}

/** Thrown past every statement loop when a file yields more errors than anyone will read. */
export class TooManyErrors extends Error {}

const MAX_DEPTH = 150;
const MAX_ERRORS = 200;

export class ParserState {
  i = 0;
  depth = 0;
  /** Newlines end statements, except inside `(…)` and `[…]`. */
  nlSignificant = true;
  /** Whether we are inside a closure, function or block (functions may only be defined at the top). */
  nested = false;
  prevEnd = 0;
  readonly match: Int32Array;
  /** Collected while parsing: top-level `def` functions and `@Library` references. */
  readonly functions: FunctionDef[] = [];
  readonly libraries: LibraryRef[] = [];

  private cachedIndex = -1;
  private cached: Token | undefined;

  constructor(
    readonly tokens: TokenBuffer,
    readonly src: Source,
    readonly diagnostics: Diagnostic[],
    readonly g: Grammar,
  ) {
    this.match = matchBrackets(tokens);
  }

  /** The current token; made once per position from the token buffer. */
  get tok(): Token {
    if (this.cachedIndex !== this.i) {
      this.cached = this.tokens.get(this.i);
      this.cachedIndex = this.i;
    }
    return this.cached!;
  }

  /** The token `k` ahead (the end-of-file token past the end). */
  peek(k = 1): Token {
    return this.tokens.get(Math.min(this.i + k, this.tokens.length - 1));
  }

  /**
   * Whether the next token is the punctuation `text` (optionally: on the same
   * line). Read from the token columns: these lookaheads run at nearly every
   * statement and list element, and a `Token` object each time showed in profiles.
   */
  nextIsPunct(text: string, sameLine = false): boolean {
    const j = Math.min(this.i + 1, this.tokens.length - 1);
    return this.tokens.isPunct(j, text) && !(sameLine && this.tokens.nl(j));
  }

  /** The token at index `j`, or undefined past the end. */
  tokenAt(j: number): Token | undefined {
    return j >= 0 && j < this.tokens.length ? this.tokens.get(j) : undefined;
  }

  next(): Token {
    const t = this.tok;
    if (t.kind !== 'eof') this.i++;
    if (!t.extra?.virtual) this.prevEnd = t.end;
    return t;
  }

  /** The current token is punctuation or an identifier/keyword with this text. */
  at(text: string): boolean {
    const i = this.i;
    if (this.tokens.text(i) !== text) return false;
    const kind = this.tokens.kind(i);
    return kind === 'punct' || kind === 'ident';
  }

  atEnd(): boolean {
    return this.tokens.kind(this.i) === 'eof';
  }

  eat(text: string): boolean {
    if (!this.at(text)) return false;
    this.next();
    return true;
  }

  expect(text: string, context: string): Token {
    if (this.at(text)) return this.next();
    return this.fail('syntax', `expected \`${text}\` ${context}, found ${describeToken(this.tok)}`);
  }

  /** The closer of a comma-separated list; anything else means a `,` or the closer is missing. */
  expectListEnd(closer: string, what: string): Token {
    if (this.at(closer)) return this.next();
    return this.fail(
      'syntax',
      `expected \`,\` or \`${closer}\` in ${what}, found ${describeToken(this.tok)}`,
    );
  }

  expectIdent(context: string): Token {
    if (this.tok.kind === 'ident') return this.next();
    return this.fail('syntax', `expected a name ${context}, found ${describeToken(this.tok)}`);
  }

  spanFrom(start: number): Span {
    return this.src.span(start, Math.max(start, this.prevEnd));
  }

  tokenSpan(t: Token): Span {
    return this.src.span(t.start, t.end);
  }

  report(d: Diagnostic): void {
    if (this.diagnostics.length >= MAX_ERRORS) {
      throw new TooManyErrors();
    }
    this.diagnostics.push(d);
  }

  error(code: string, message: string, span: Span, notes?: string[]): void {
    this.report(error(code, message, span, notes));
  }

  warn(code: string, message: string, span: Span, notes?: string[]): void {
    this.report(warning(code, message, span, notes));
  }

  /** Records an error at the current token and aborts the statement. */
  fail(code: string, message: string, span: Span = this.tokenSpan(this.tok)): never {
    this.error(code, message, span);
    throw new Abort();
  }

  enter(): void {
    if (++this.depth > MAX_DEPTH) {
      this.fail('too-deep', 'this code is nested too deeply for Rig to read');
    }
  }

  leave(): void {
    this.depth--;
  }

  /** Runs `f` with newlines significant or not, restoring the previous mode. */
  withNewlines<T>(significant: boolean, f: () => T): T {
    const saved = this.nlSignificant;
    this.nlSignificant = significant;
    try {
      return f();
    } finally {
      this.nlSignificant = saved;
    }
  }

  /** Skips a bracketed group starting at the current token (which must open it). */
  skipGroup(): void {
    const m = this.match[this.i]!;
    if (m > this.i) {
      this.i = m;
      this.next();
    } else {
      this.next();
    }
  }

  /**
   * After an error in the statement that began at token `start`: move to the
   * next statement of the same block (after a newline or `;`, or at its `}`).
   */
  sync(start: number, failedAt: number): void {
    let j = start;
    const toks = this.tokens;
    for (;;) {
      const kind = toks.kind(j);
      if (kind === 'eof') break;
      if (j >= failedAt && j > start && toks.nl(j)) break;
      if (kind === 'punct') {
        const text = toks.text(j);
        if (text === '}' && j >= failedAt) break;
        if (text === ';' && j >= failedAt) {
          j++;
          break;
        }
        const m = this.match[j]!;
        if (m > j) {
          j = m + 1;
          continue;
        }
      }
      j++;
    }
    this.i = Math.max(j, Math.min(start + 1, this.tokens.length - 1));
    const prev = this.i - 1;
    if (prev >= 0 && !toks.virtual(prev)) this.prevEnd = toks.end(prev);
  }
}

/** For each opening bracket, the index of its closer (and the reverse); -1 elsewhere. */
function matchBrackets(tokens: TokenBuffer): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens.kind(i) !== 'punct') continue;
    const c = tokens.text(i);
    if (c === '{' || c === '(' || c === '[') stack.push(i);
    else if (c === '}' || c === ')' || c === ']') {
      const o = stack.pop();
      if (o !== undefined) {
        match[o] = i;
        match[i] = o;
      }
    }
  }
  return match;
}
