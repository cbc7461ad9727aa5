/**
 * Tokens of the Groovy subset. Identifiers and keywords share a kind (the
 * parser decides by text, so `x.class` and `[default: 1]` need no special
 * cases). Strings arrive cooked: escapes resolved, quotes removed.
 */

export type TokenKind = 'ident' | 'num' | 'str' | 'gstr' | 'punct' | 'eof';

export type StrQuote =
  'single' | 'double' | 'triple-single' | 'triple-double' | 'slashy' | 'dollar-slashy';

/** A piece of an interpolated string: literal text, `${…}` tokens, or a `$a.b.c` path. */
export type GPart =
  | { kind: 'text'; text: string; start: number; end: number }
  | { kind: 'expr'; tokens: Token[]; start: number; end: number }
  | {
      kind: 'path';
      names: Array<{ name: string; start: number; end: number }>;
      start: number;
      end: number;
    };

/** What only some tokens carry; kept out of line so every token has the same small shape. */
export interface TokenExtra {
  quote?: StrQuote;
  num?: number;
  parts?: GPart[];
  /** Inserted by brace recovery: the source had no such token here. */
  virtual?: boolean;
}

export interface Token {
  kind: TokenKind;
  /** Identifier or punctuation text; the cooked value of a `str`. */
  text: string;
  start: number;
  end: number;
  /** A line break (or the start of the file) separates this token from the previous one. */
  nl: boolean;
  extra: TokenExtra | undefined;
}

/** Longest first, so the lexer can take the first match. */
export const PUNCTUATION: readonly string[] = [
  '>>>=',
  '!instanceof',
  '<=>',
  '===',
  '!==',
  '==~',
  '**=',
  '<<=',
  '>>=',
  '>>>',
  '..<',
  '...',
  '?.',
  '*.',
  '.&',
  '.@',
  '?:',
  '?=',
  '..',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '**',
  '<<',
  '->',
  '=~',
  '!in',
  '::',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ';',
  ':',
  '.',
  '?',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '~',
  '&',
  '|',
  '^',
  '@',
];

export const KEYWORDS: ReadonlySet<string> = new Set([
  'as',
  'assert',
  'break',
  'case',
  'catch',
  'class',
  'continue',
  'def',
  'default',
  'do',
  'else',
  'enum',
  'extends',
  'false',
  'finally',
  'for',
  'if',
  'implements',
  'import',
  'in',
  'instanceof',
  'interface',
  'new',
  'null',
  'package',
  'return',
  'switch',
  'throw',
  'throws',
  'trait',
  'true',
  'try',
  'while',
]);

export function isIdentStart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    c === 95 ||
    c === 36 ||
    (c > 127 && isLetter(c))
  );
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

/** Letters are rare outside ASCII; only then pay for a Unicode test. */
function isLetter(c: number): boolean {
  return /\p{L}/u.test(String.fromCharCode(c));
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of file';
    case 'str':
    case 'gstr':
      return 'a string';
    case 'num':
      return 'a number';
    case 'ident':
      return `\`${t.text}\``;
    case 'punct':
      return `\`${t.text}\``;
  }
}

/**
 * Every token is built here with the same fields in the same order, so they
 * share one hidden class and property reads in the parser stay monomorphic.
 */
export function makeToken(
  kind: TokenKind,
  text: string,
  start: number,
  end: number,
  nl: boolean,
  extra?: TokenExtra,
): Token {
  return { kind, text, start, end, nl, extra };
}
