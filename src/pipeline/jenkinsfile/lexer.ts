/**
 * The Groovy lexer. One pass over the text; strings are lexed by
 * `strings.ts`, which calls back here to lex the `${…}` expressions inside
 * GStrings into nested token lists. Problems become diagnostics; the lexer
 * always reaches the end of the text.
 */
import { error, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Scanner } from './scanner.ts';
import type { Source } from './source.ts';
import { lexNumber } from './numbers.ts';
import { lexQuoted, lexSlashy, lexDollarSlashy } from './strings.ts';
import {
  KEYWORDS,
  PUNCTUATION,
  isIdentPart,
  isIdentStart,
  makeToken,
  type Token,
} from './tokens.ts';

const PUNCT_BY_FIRST = groupByFirstChar(PUNCTUATION);
const SINGLE = singles('(){}[],;@~');
/** Keywords after which `/` starts a slashy string, not a division. */
const VALUE_KEYWORDS = new Set(['this', 'super', 'true', 'false', 'null']);
const MAX_NESTING = 200;
const MAX_ROLLBACKS = 8;

export class Lexer implements Scanner {
  pos = 0;
  depth = 0;
  private rollbacks = 0;
  readonly text: string;

  constructor(
    readonly src: Source,
    readonly diagnostics: Diagnostic[],
  ) {
    this.text = src.text;
  }

  fail(code: string, message: string, start: number, end: number): void {
    this.diagnostics.push(error(code, message, this.src.span(start, end)));
  }

  /** Lexes tokens until the end, or (for `${…}`) until an unmatched `}`; returns them without it. */
  lexTokens(stopAtBrace: boolean): Token[] {
    const out: Token[] = [];
    let nl = !stopAtBrace;
    let braces = 0;
    for (;;) {
      nl = this.skipTrivia() || nl;
      if (this.pos >= this.text.length) break;
      const c = this.text.charCodeAt(this.pos);
      if (stopAtBrace && c === 125 /* } */ && braces === 0) break;
      const tok = this.lexToken(out[out.length - 1], nl);
      if (!tok) continue;
      if (tok.text === '{' && tok.kind === 'punct') braces++;
      else if (tok.text === '}' && tok.kind === 'punct') braces--;
      out.push(tok);
      nl = false;
    }
    if (!stopAtBrace) {
      out.push(makeToken('eof', '', this.text.length, this.text.length, true));
    }
    return out;
  }

  /** Skips blanks and comments; returns whether a line break was crossed. */
  private skipTrivia(): boolean {
    const text = this.text;
    let nl = false;
    if (this.pos === 0 && text.startsWith('#!')) this.skipLineComment();
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 10) {
        nl = true;
        this.pos++;
      } else if (c === 32 || c === 9 || c === 13 || c === 12 || c === 0xfeff) {
        this.pos++;
      } else if (c === 92 /* \ */ && isLineBreakAt(text, this.pos + 1)) {
        // Backslash-newline continues the statement on the next line.
        this.pos += text.charCodeAt(this.pos + 1) === 13 ? 3 : 2;
      } else if (c === 47 /* / */ && text.charCodeAt(this.pos + 1) === 47) {
        this.skipLineComment();
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 42 /* * */) {
        nl = this.skipBlockComment() || nl;
      } else {
        break;
      }
    }
    return nl;
  }

  private skipLineComment(): void {
    const i = this.text.indexOf('\n', this.pos);
    this.pos = i === -1 ? this.text.length : i;
  }

  private skipBlockComment(): boolean {
    const start = this.pos;
    const close = this.text.indexOf('*/', this.pos + 2);
    if (close === -1) {
      this.fail('unterminated-comment', 'this `/*` comment is never closed', start, start + 2);
      this.pos = this.text.length;
      return true;
    }
    this.pos = close + 2;
    return this.text.lastIndexOf('\n', close) > start;
  }

  private lexToken(prev: Token | undefined, nl: boolean): Token | undefined {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === 39 /* ' */ || c === 34 /* " */) return lexQuoted(this, nl);
    if (c === 36 /* $ */ && text.charCodeAt(start + 1) === 47 && slashyAllowed(prev)) {
      return lexDollarSlashy(this, nl);
    }
    if (c === 36 /* $ */ && text.charCodeAt(start + 1) === 123 /* { */) {
      // `FOO = ${BAR}`: interpolation only exists inside double quotes.
      this.fail(
        'bare-interpolation',
        '`${…}` only works inside a double-quoted string: write `"${…}"`',
        start,
        start + 2,
      );
    }
    if (isIdentStart(c)) return this.lexIdent(nl);
    if (c >= 48 && c <= 57) return lexNumber(this, nl);
    if (c === 47 && slashyAllowed(prev)) return lexSlashy(this, nl);
    const punct = this.matchPunct(c, start);
    if (punct) {
      this.pos += punct.length;
      return makeToken('punct', punct, start, this.pos, nl);
    }
    const ch = String.fromCodePoint(text.codePointAt(start)!);
    this.pos += ch.length;
    this.fail('unexpected-character', `unexpected character \`${ch}\``, start, this.pos);
    return undefined;
  }

  private lexIdent(nl: boolean): Token {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    while (i < text.length && isIdentPart(text.charCodeAt(i))) i++;
    this.pos = i;
    return makeToken('ident', text.slice(start, i), start, i, nl);
  }

  private matchPunct(c: number, start: number): string | undefined {
    // Brackets and separators never start a longer operator: no search.
    const single = c < 128 ? SINGLE[c] : undefined;
    if (single !== undefined) return single;
    const candidates = c < 128 ? PUNCT_BY_FIRST[c] : undefined;
    if (!candidates) return undefined;
    for (let k = 0; k < candidates.length; k++) {
      const p = candidates[k]!;
      if (!this.text.startsWith(p, start)) continue;
      // `!in` and `!instanceof` are words: `!inside` is `!` then `inside`.
      const last = p.charCodeAt(p.length - 1);
      if (isIdentPart(last) && isIdentPart(this.text.charCodeAt(start + p.length))) continue;
      return p;
    }
    return undefined;
  }

  /**
   * Lexes a `${…}` body (the `${` already consumed), up to and including its
   * `}`. If it never closes, the attempt is undone and `undefined` returned:
   * the caller keeps `${` as text, so the string still ends at its own
   * quote instead of swallowing the rest of the file. Undoing is capped so
   * pathological input stays linear.
   */
  lexInterpolation(openStart: number): Token[] | undefined {
    if (this.depth >= MAX_NESTING) {
      this.fail('too-deep', 'strings are nested too deeply', openStart, openStart + 2);
      this.pos = this.text.length;
      return [];
    }
    const mark = this.diagnostics.length;
    this.depth++;
    const tokens = this.lexTokens(true);
    this.depth--;
    if (this.pos < this.text.length) {
      this.pos++; // the closing }
      return tokens;
    }
    if (this.rollbacks < MAX_ROLLBACKS) {
      this.rollbacks++;
      this.diagnostics.length = mark;
      this.pos = openStart + 2;
      this.fail(
        'unterminated-interpolation',
        'this `${` is never closed by a `}`',
        openStart,
        openStart + 2,
      );
      return undefined;
    }
    this.fail(
      'unterminated-interpolation',
      'this `${` is never closed by a `}`',
      openStart,
      openStart + 2,
    );
    return tokens;
  }
}

function isLineBreakAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10);
}

/** Groovy reads `/` as a slashy string where a value may start, as division after a value. */
function slashyAllowed(prev: Token | undefined): boolean {
  if (!prev) return true;
  switch (prev.kind) {
    case 'num':
    case 'str':
    case 'gstr':
      return false;
    case 'ident':
      return KEYWORDS.has(prev.text) && !VALUE_KEYWORDS.has(prev.text);
    case 'punct':
      return (
        prev.text !== ')' &&
        prev.text !== ']' &&
        prev.text !== '}' &&
        prev.text !== '++' &&
        prev.text !== '--'
      );
    case 'eof':
      return true;
  }
}

/** Punctuation by first character (ASCII), longest first. */
function groupByFirstChar(list: readonly string[]): Array<string[] | undefined> {
  const table: Array<string[] | undefined> = new Array<string[] | undefined>(128).fill(undefined);
  for (const p of [...list].sort((a, b) => b.length - a.length)) {
    const k = p.charCodeAt(0);
    table[k] = [...(table[k] ?? []), p];
  }
  return table;
}

/** Characters that are a whole token by themselves. */
function singles(chars: string): Array<string | undefined> {
  const table: Array<string | undefined> = new Array<string | undefined>(128).fill(undefined);
  for (const ch of chars) table[ch.charCodeAt(0)] = ch;
  return table;
}

export function lex(src: Source, diagnostics: Diagnostic[]): Token[] {
  return new Lexer(src, diagnostics).lexTokens(false);
}
