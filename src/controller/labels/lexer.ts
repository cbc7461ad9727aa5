/**
 * Tokens of a Jenkins label expression (LabelExpressionLexer.g4): `&&`, `||`,
 * `!`, `->`, `<->`, parentheses, bare atoms and double-quoted atoms.
 *
 * A bare atom is a run of any characters except `& | ! < > ( ) " '` and
 * whitespace; `-` belongs to the atom unless it starts `->`, so `a-b` is one
 * label and `a->b` is an implication. One deliberate difference from Jenkins:
 * line breaks separate tokens like spaces do (Jenkins would make them part of
 * a label name, which can never match an agent).
 */

export type TokenKind = 'and' | 'or' | 'not' | 'implies' | 'iff' | 'lparen' | 'rparen' | 'atom';

export interface Token {
  kind: TokenKind;
  /** Offset of the token's first character in the expression text. */
  offset: number;
  /** The label name, unquoted, for `atom` tokens. */
  text: string;
}

export interface LexError {
  message: string;
  offset: number;
}

const excluded = new Set(['&', '|', '!', '<', '>', '(', ')', '"', "'"]);

/** True for a character that may appear in an unquoted label name (`-` needs context). */
export function isBareAtomChar(c: string): boolean {
  return !excluded.has(c) && !/\s/.test(c);
}

const escapes: Record<string, string> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

const fixed: Array<[string, TokenKind]> = [
  ['<->', 'iff'],
  ['->', 'implies'],
  ['&&', 'and'],
  ['||', 'or'],
  ['!', 'not'],
  ['(', 'lparen'],
  [')', 'rparen'],
];

export function tokenize(text: string): { tokens: Token[] } | { error: LexError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const op = fixed.find(([s]) => text.startsWith(s, i));
    if (op) {
      tokens.push({ kind: op[1], offset: i, text: op[0] });
      i += op[0].length;
      continue;
    }
    const scanned = c === '"' ? scanQuoted(text, i) : scanBare(text, i);
    if ('error' in scanned) return scanned;
    tokens.push({ kind: 'atom', offset: i, text: scanned.name });
    i = scanned.end;
  }
  return { tokens };
}

function scanBare(
  text: string,
  start: number,
): { name: string; end: number } | { error: LexError } {
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '-' ? text[i + 1] === '>' : !isBareAtomChar(c)) break;
    i++;
  }
  if (i === start) return { error: { message: unexpectedMessage(text, start), offset: start } };
  return { name: text.slice(start, i), end: i };
}

function unexpectedMessage(text: string, at: number): string {
  const c = text[at]!;
  if (c === '&') return "unexpected '&': use '&&' for and";
  if (c === '|') return "unexpected '|': use '||' for or";
  if (c === "'") return 'single quotes are not allowed: quote label names with double quotes';
  if (c === '<') return "unexpected '<': use '<->' for if-and-only-if";
  return `unexpected '${c}'`;
}

function scanQuoted(
  text: string,
  start: number,
): { name: string; end: number } | { error: LexError } {
  let name = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      if (name === '') return { error: { message: 'empty label name', offset: start } };
      return { name, end: i + 1 };
    }
    if (c === '\n' || c === '\r') break;
    if (c === '\\') {
      const decoded = escapes[text[i + 1] ?? ''];
      if (decoded === undefined) {
        return {
          error: { message: `unknown escape '\\${text[i + 1] ?? ''}' in quoted label`, offset: i },
        };
      }
      name += decoded;
      i += 2;
      continue;
    }
    name += c;
    i++;
  }
  return { error: { message: 'unterminated quoted label', offset: start } };
}
