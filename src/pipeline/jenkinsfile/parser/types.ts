/**
 * Type names, which Groovy code uses in declarations, casts, `as`, `catch`
 * and parameters. Groovy tells `String x` (a declaration) from `echo x` (a
 * command call) by the convention that types are capitalised or primitive.
 */
import { KEYWORDS, type Token } from '../tokens.ts';
import type { ParserState } from './state.ts';

export const PRIMITIVES: ReadonlySet<string> = new Set([
  'boolean',
  'byte',
  'char',
  'short',
  'int',
  'long',
  'float',
  'double',
  'void',
]);

export function isTypeName(t: Token): boolean {
  if (t.kind !== 'ident') return false;
  const c = t.text.charCodeAt(0);
  return (c >= 65 && c <= 90) || PRIMITIVES.has(t.text);
}

/**
 * Where a type that starts at token `i` ends (exclusive), or -1 if the tokens
 * there do not form a type: `a.b.Type<K, V<W>>[]`.
 */
export function scanType(p: ParserState, i: number): number {
  const toks = p.tokens;
  const n = toks.length - 1; // the last token is always the end of file
  if (i >= n || toks.kind(i) !== 'ident') return -1;
  let j = i + 1;
  while (j + 1 < n && toks.isPunct(j, '.') && toks.kind(j + 1) === 'ident') j += 2;
  if (j < n && toks.isPunct(j, '<')) j = scanGenerics(p, j);
  if (j < 0) return -1;
  while (j + 1 < n && toks.isPunct(j, '[') && toks.isPunct(j + 1, ']')) j += 2;
  if (j < n && toks.isPunct(j, '...')) j++;
  return j;
}

function scanGenerics(p: ParserState, i: number): number {
  const toks = p.tokens;
  let depth = 0;
  for (let j = i; j < toks.length && j < i + 64; j++) {
    const kind = toks.kind(j);
    const text = toks.text(j);
    if (kind === 'ident' || text === ',' || text === '?' || text === '.' || text === '&') continue;
    if (text === '[' || text === ']') continue;
    if (text === '<') {
      depth++;
      continue;
    }
    if (kind === 'punct' && /^>+$/.test(text)) {
      depth -= text.length;
      if (depth <= 0) return j + 1;
      continue;
    }
    return -1;
  }
  return -1;
}

/** Consumes a type at the current token and returns its source text, compacted. */
export function parseType(p: ParserState, context: string): string {
  const end = scanType(p, p.i);
  if (end < 0) p.fail('syntax', `expected a type name ${context}`);
  const first = p.tok;
  while (p.i < end) p.next();
  return p.src.text.slice(first.start, p.prevEnd).replace(/\s+/g, '');
}

/** A type at the current token followed by a name on the same line (`String x`, `Map<K, V> m`). */
export function typeThenName(p: ParserState): boolean {
  const end = scanType(p, p.i);
  const name = p.tokenAt(end);
  return (
    end > p.i && name !== undefined && name.kind === 'ident' && !name.nl && !KEYWORDS.has(name.text)
  );
}
