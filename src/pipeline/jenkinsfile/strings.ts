/**
 * String literals. Single-quoted forms reach the model untouched apart from
 * Groovy escapes; double-quoted, slashy and dollar-slashy forms may
 * interpolate `${expr}` and `$name.path`, which makes them GStrings.
 */
import type { Scanner } from './scanner.ts';
import {
  isIdentPart,
  isIdentStart,
  makeToken,
  type GPart,
  type StrQuote,
  type Token,
} from './tokens.ts';

/** Collects literal text and interpolations while a string is scanned. */
class StringBuilder {
  readonly parts: GPart[] = [];
  private chunks: string[] = [];
  private textStart: number;

  constructor(start: number) {
    this.textStart = start;
  }

  add(s: string): void {
    this.chunks.push(s);
  }

  flush(at: number): void {
    if (this.chunks.length > 0) {
      const text = this.chunks.join('');
      if (text !== '') this.parts.push({ kind: 'text', text, start: this.textStart, end: at });
    }
    this.chunks = [];
    this.textStart = at;
  }

  restartAt(at: number): void {
    this.textStart = at;
  }

  token(quote: StrQuote, start: number, end: number, nl: boolean): Token {
    this.flush(end);
    if (this.parts.every((p) => p.kind === 'text')) {
      const text = this.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
      return makeToken('str', text, start, end, nl, { quote });
    }
    return makeToken('gstr', '', start, end, nl, { quote, parts: this.parts });
  }
}

export function lexQuoted(lx: Scanner, nl: boolean): Token {
  const text = lx.text;
  const start = lx.pos;
  const q = text[start]!;
  const triple = text.startsWith(q + q + q, start);
  const delim = triple ? q + q + q : q;
  const interp = q === '"';
  const quote: StrQuote =
    q === "'" ? (triple ? 'triple-single' : 'single') : triple ? 'triple-double' : 'double';
  lx.pos = start + delim.length;
  const fast = plainQuoted(lx, start, q, triple, interp, quote, nl);
  if (fast) return fast;
  const b = new StringBuilder(lx.pos);
  const text0 = lx.pos;
  let runStart = text0;
  for (;;) {
    const i = lx.pos;
    if (i >= text.length || (!triple && text[i] === '\n')) {
      b.add(text.slice(runStart, i));
      lx.fail(
        'unterminated-string',
        `this string is never closed (expected \`${delim}\`)`,
        start,
        start + delim.length,
      );
      return b.token(quote, start, i, nl);
    }
    const c = text[i]!;
    if (c === q && text.startsWith(delim, i)) {
      b.add(text.slice(runStart, i));
      lx.pos = i + delim.length;
      // `''''` inside triple quotes: the extra quote belongs to the content.
      while (triple && text[lx.pos] === q) {
        b.add(q);
        lx.pos++;
      }
      return b.token(quote, start, lx.pos, nl);
    }
    if (c === '\\') {
      b.add(text.slice(runStart, i));
      b.add(readEscape(lx, i));
      runStart = lx.pos;
      continue;
    }
    if (interp && c === '$') {
      b.add(text.slice(runStart, i));
      interpolate(lx, b, i, true);
      runStart = lx.pos;
      continue;
    }
    lx.pos = i + 1;
  }
}

/**
 * Most strings have no escape and nothing to interpolate: find the closing
 * quote and slice once, without building parts. Anything else (or an
 * unterminated string) returns undefined for the general scanner.
 */
function plainQuoted(
  lx: Scanner,
  start: number,
  q: string,
  triple: boolean,
  interp: boolean,
  quote: StrQuote,
  nl: boolean,
): Token | undefined {
  const text = lx.text;
  const from = lx.pos;
  const qc = q.charCodeAt(0);
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */ || (interp && c === 36) /* $ */) return undefined;
    if (c === 10 && !triple) return undefined;
    if (c !== qc) continue;
    if (!triple) {
      lx.pos = i + 1;
      return makeToken('str', text.slice(from, i), start, lx.pos, nl, { quote });
    }
    if (
      text.charCodeAt(i + 1) === qc &&
      text.charCodeAt(i + 2) === qc &&
      text.charCodeAt(i + 3) !== qc
    ) {
      lx.pos = i + 3;
      return makeToken('str', text.slice(from, i), start, lx.pos, nl, { quote });
    }
    // Runs of four or more quotes: leave them to the general scanner.
    if (text.charCodeAt(i + 1) === qc && text.charCodeAt(i + 2) === qc) return undefined;
  }
  return undefined;
}

/** Reads `\x` at `i`; leaves `lx.pos` after it and returns its value. */
function readEscape(lx: Scanner, i: number): string {
  const text = lx.text;
  const c = text[i + 1];
  lx.pos = i + 2;
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 's':
      return ' ';
    case '\\':
    case "'":
    case '"':
    case '$':
      return c;
    case '\n':
      return '';
    case '\r':
      if (text[i + 2] === '\n') lx.pos++;
      return '';
    case 'u':
      return readUnicodeEscape(lx, i);
    default:
      if (c !== undefined && c >= '0' && c <= '7') return readOctalEscape(lx, i);
      lx.fail(
        'invalid-escape',
        `\`\\${c ?? ''}\` is not a valid escape in a Groovy string (write \`\\\\${c ?? ''}\` for a backslash)`,
        i,
        Math.min(i + 2, text.length),
      );
      return '\\' + (c ?? '');
  }
}

function readUnicodeEscape(lx: Scanner, i: number): string {
  const text = lx.text;
  let j = i + 2;
  while (text[j] === 'u') j++;
  const hex = text.slice(j, j + 4);
  if (/^[0-9a-fA-F]{4}$/.test(hex)) {
    lx.pos = j + 4;
    return String.fromCharCode(parseInt(hex, 16));
  }
  lx.fail('invalid-escape', '`\\u` must be followed by four hex digits', i, j);
  lx.pos = j;
  return '';
}

function readOctalEscape(lx: Scanner, i: number): string {
  const text = lx.text;
  const max = text[i + 1]! <= '3' ? 3 : 2;
  let j = i + 1;
  while (j < i + 1 + max && text[j]! >= '0' && text[j]! <= '7') j++;
  lx.pos = j;
  return String.fromCharCode(parseInt(text.slice(i + 1, j), 8));
}

/**
 * At a `$` in an interpolating string. `strict` (double quotes) makes a `$`
 * that starts nothing an error, as in Groovy; slashy forms keep it literal
 * (regexes end with `$`).
 */
function interpolate(lx: Scanner, b: StringBuilder, i: number, strict: boolean): void {
  const text = lx.text;
  const next = text.charCodeAt(i + 1);
  if (next === 123 /* { */) {
    b.flush(i);
    lx.pos = i + 2;
    const tokens = lx.lexInterpolation(i);
    if (tokens) {
      b.parts.push({ kind: 'expr', tokens, start: i, end: lx.pos });
      b.restartAt(lx.pos);
    } else {
      b.add('${');
    }
    return;
  }
  if (isIdentStart(next) && next !== 36) {
    b.flush(i);
    readPath(lx, b, i);
    b.restartAt(lx.pos);
    return;
  }
  if (strict) {
    lx.fail(
      'invalid-dollar',
      'a `$` in a double-quoted string must start `${…}` or a name; write `\\$` for a literal dollar',
      i,
      i + 1,
    );
  }
  b.add('$');
  lx.pos = i + 1;
}

/** `$name.a.b`: identifiers joined by dots, each dot followed by an identifier (Groovy's rule). */
function readPath(lx: Scanner, b: StringBuilder, dollar: number): void {
  const text = lx.text;
  const names: Array<{ name: string; start: number; end: number }> = [];
  let i = dollar + 1;
  for (;;) {
    const s = i;
    while (i < text.length && isIdentPart(text.charCodeAt(i)) && text[i] !== '$') i++;
    names.push({ name: text.slice(s, i), start: s, end: i });
    const after = text.charCodeAt(i + 1);
    if (text[i] !== '.' || !isIdentStart(after) || after === 36) break;
    i++;
  }
  lx.pos = i;
  b.parts.push({ kind: 'path', names, start: dollar, end: i });
}

export function lexSlashy(lx: Scanner, nl: boolean): Token {
  const text = lx.text;
  const start = lx.pos;
  lx.pos = start + 1;
  const b = new StringBuilder(lx.pos);
  let runStart = lx.pos;
  for (;;) {
    const i = lx.pos;
    if (i >= text.length) {
      b.add(text.slice(runStart, i));
      lx.fail('unterminated-string', 'this slashy string `/…/` is never closed', start, start + 1);
      return b.token('slashy', start, i, nl);
    }
    const c = text[i];
    if (c === '/') {
      b.add(text.slice(runStart, i));
      lx.pos = i + 1;
      return b.token('slashy', start, lx.pos, nl);
    }
    if (c === '\\' && text[i + 1] === '/') {
      b.add(text.slice(runStart, i) + '/');
      lx.pos = i + 2;
      runStart = lx.pos;
      continue;
    }
    if (c === '$') {
      b.add(text.slice(runStart, i));
      interpolate(lx, b, i, false);
      runStart = lx.pos;
      continue;
    }
    lx.pos = i + 1;
  }
}

export function lexDollarSlashy(lx: Scanner, nl: boolean): Token {
  const text = lx.text;
  const start = lx.pos;
  lx.pos = start + 2;
  const b = new StringBuilder(lx.pos);
  let runStart = lx.pos;
  for (;;) {
    const i = lx.pos;
    if (i >= text.length) {
      b.add(text.slice(runStart, i));
      lx.fail('unterminated-string', 'this `$/…/$` string is never closed', start, start + 2);
      return b.token('dollar-slashy', start, i, nl);
    }
    if (text.startsWith('/$', i)) {
      b.add(text.slice(runStart, i));
      lx.pos = i + 2;
      return b.token('dollar-slashy', start, lx.pos, nl);
    }
    if (text[i] === '$' && (text[i + 1] === '$' || text[i + 1] === '/')) {
      b.add(text.slice(runStart, i) + text[i + 1]!);
      lx.pos = i + 2;
      runStart = lx.pos;
      continue;
    }
    if (text[i] === '$') {
      b.add(text.slice(runStart, i));
      interpolate(lx, b, i, false);
      runStart = lx.pos;
      continue;
    }
    lx.pos = i + 1;
  }
}
