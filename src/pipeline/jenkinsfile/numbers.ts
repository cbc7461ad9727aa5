/**
 * Groovy number literals: decimal with `_` separators, fractions, exponents,
 * `0x`/`0b`/octal, and type suffixes (`10L`, `1.5f`, `2G`). The model keeps
 * a JavaScript number; the suffix only matters to Groovy's type system.
 */
import type { Scanner } from './scanner.ts';
import { isDigit, isIdentPart, makeToken, type Token } from './tokens.ts';

const SUFFIXES = new Set(['l', 'L', 'g', 'G', 'i', 'I', 'd', 'D', 'f', 'F']);

/** Plain digits followed by something that cannot continue a number: the common case, no slicing. */
function plainInteger(lx: Scanner, nl: boolean): Token | undefined {
  const text = lx.text;
  const start = lx.pos;
  let i = start;
  let value = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    i++;
  }
  const next = text.charCodeAt(i);
  if (
    next === 46 /* . */ ||
    isIdentPart(next) ||
    i - start > 15 ||
    (text[start] === '0' && i - start > 1)
  ) {
    return undefined;
  }
  lx.pos = i;
  return makeToken('num', text.slice(start, i), start, i, nl, { num: value });
}

export function lexNumber(lx: Scanner, nl: boolean): Token {
  const plain = plainInteger(lx, nl);
  if (plain) return plain;
  const text = lx.text;
  const start = lx.pos;
  let value: number;
  const radix = radixAt(text, start);
  if (radix !== 10) {
    let i = start + 2;
    while (i < text.length && (isRadixDigit(text.charCodeAt(i), radix) || text[i] === '_')) i++;
    value = parseInt(text.slice(start + 2, i).replaceAll('_', ''), radix);
    lx.pos = i;
  } else {
    lx.pos = scanDecimal(text, start);
    value = Number(text.slice(start, lx.pos).replaceAll('_', ''));
  }
  if (SUFFIXES.has(text[lx.pos] ?? '') && !isIdentPart(text.charCodeAt(lx.pos + 1))) lx.pos++;
  if (isIdentPart(text.charCodeAt(lx.pos))) {
    let j = lx.pos;
    while (j < text.length && isIdentPart(text.charCodeAt(j))) j++;
    lx.fail('invalid-number', `\`${text.slice(start, j)}\` is not a valid number`, start, j);
    lx.pos = j;
  }
  const num = Number.isNaN(value) ? 0 : value;
  return makeToken('num', text.slice(start, lx.pos), start, lx.pos, nl, { num });
}

function radixAt(text: string, i: number): number {
  if (text[i] !== '0') return 10;
  const x = text[i + 1];
  if ((x === 'x' || x === 'X') && isRadixDigit(text.charCodeAt(i + 2), 16)) return 16;
  if ((x === 'b' || x === 'B') && isRadixDigit(text.charCodeAt(i + 2), 2)) return 2;
  return 10;
}

function isRadixDigit(c: number, radix: number): boolean {
  if (radix === 2) return c === 48 || c === 49;
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function scanDigits(text: string, i: number): number {
  while (i < text.length && (isDigit(text.charCodeAt(i)) || text[i] === '_')) i++;
  return i;
}

function scanDecimal(text: string, start: number): number {
  let i = scanDigits(text, start);
  // `1..5` is a range and `1.abs()` a method call: a fraction needs a digit after the dot.
  if (text[i] === '.' && isDigit(text.charCodeAt(i + 1))) i = scanDigits(text, i + 1);
  if (text[i] === 'e' || text[i] === 'E') {
    let j = i + 1;
    if (text[j] === '+' || text[j] === '-') j++;
    if (isDigit(text.charCodeAt(j))) i = scanDigits(text, j);
  }
  return i;
}
