/**
 * Primary expressions: literals, names, `(…)` and casts, lists and maps,
 * closures, `new`, and prefix operators.
 */
import type { Expr, MapEntry, StrExpr, UnaryOp } from '../../model/groovy.ts';
import { describeToken, KEYWORDS } from '../tokens.ts';
import { parseParenArgs } from './args.ts';
import { gstringFromToken } from './gstring.ts';
import type { ParserState } from './state.ts';
import { isTypeName, parseType, scanType } from './types.ts';

/** Binding power of prefix operators: above `*`, below `**` and postfix. */
export const PREFIX_BP = 130;

export function parsePrimary(p: ParserState): Expr {
  const t = p.tok;
  switch (t.kind) {
    case 'num':
      p.next();
      return { kind: 'num', value: t.extra?.num ?? 0, span: p.tokenSpan(t) };
    case 'str':
      p.next();
      return {
        kind: 'str',
        value: t.text,
        quote: t.extra?.quote ?? 'single',
        span: p.tokenSpan(t),
      };
    case 'gstr':
      p.next();
      return gstringFromToken(p, t);
    case 'ident':
      return parseName(p);
    case 'punct':
      return parsePunctPrimary(p);
    case 'eof':
      return p.fail('syntax', 'expected an expression, found end of file');
  }
}

function parseName(p: ParserState): Expr {
  const t = p.next();
  const span = p.tokenSpan(t);
  switch (t.text) {
    case 'true':
    case 'false':
      return { kind: 'bool', value: t.text === 'true', span };
    case 'null':
      return { kind: 'null', span };
    case 'new':
      return parseNew(p, t.start);
  }
  if (KEYWORDS.has(t.text)) {
    p.fail('syntax', `expected an expression, found the keyword \`${t.text}\``, span);
  }
  return { kind: 'var', name: t.text, span };
}

function parsePunctPrimary(p: ParserState): Expr {
  const t = p.tok;
  switch (t.text) {
    case '(':
      return parseParenOrCast(p);
    case '[':
      return parseListOrMap(p);
    case '{':
      return p.g.closure(p);
    case '!':
    case '-':
    case '+':
    case '~':
      return parseUnary(p, t.text, t.text as UnaryOp);
    case '++':
      return parseUnary(p, t.text, '++pre');
    case '--':
      return parseUnary(p, t.text, '--pre');
  }
  return p.fail('syntax', `expected an expression, found ${describeToken(t)}`);
}

function parseUnary(p: ParserState, _text: string, op: UnaryOp): Expr {
  const start = p.next().start;
  const operand = p.g.expr(p, PREFIX_BP);
  return { kind: 'unary', op, operand, span: p.spanFrom(start) };
}

/** `(Type) expr` is a cast when a capitalised type in parentheses is followed by a value. */
function isCast(p: ParserState): boolean {
  const typeEnd = scanType(p, p.i + 1);
  if (typeEnd < 0 || !isTypeName(p.peek())) return false;
  const close = p.tokenAt(typeEnd);
  const after = p.tokenAt(typeEnd + 1);
  if (close?.text !== ')' || !after || after.nl) return false;
  if (after.kind === 'punct') return after.text === '(' || after.text === '[' || after.text === '!';
  return after.kind !== 'eof' && !['as', 'in', 'instanceof'].includes(after.text);
}

function parseParenOrCast(p: ParserState): Expr {
  const start = p.tok.start;
  if (isCast(p)) {
    p.next();
    const typeName = parseType(p, 'in the cast');
    p.expect(')', 'after the cast type');
    const expr = p.g.expr(p, PREFIX_BP);
    return { kind: 'cast', expr, typeName, span: p.spanFrom(start) };
  }
  p.next();
  const inner = p.withNewlines(false, () => p.g.expr(p));
  p.expect(')', 'to close the parenthesis');
  // Keep the parentheses in the span so errors point at what the user wrote.
  return { ...inner, span: p.spanFrom(start) } as Expr;
}

function parseNew(p: ParserState, start: number): Expr {
  const typeName = parseType(p, 'after `new`');
  const hasArgs = p.at('(');
  const args = hasArgs ? parseParenArgs(p) : [];
  // `new int[n]` creates an array; after `(…)` a `[` indexes the new object.
  if (!hasArgs && p.at('[')) p.skipGroup();
  if (p.at('{') && !p.tok.nl) {
    p.error('unsupported-groovy', 'anonymous classes are not supported', p.tokenSpan(p.tok));
    p.skipGroup();
  }
  return { kind: 'new', typeName, args, span: p.spanFrom(start) };
}

function parseListOrMap(p: ParserState): Expr {
  const start = p.next().start;
  return p.withNewlines(false, () => {
    if (p.at(':') && p.peek().text === ']') {
      p.next();
      p.next();
      return { kind: 'map', entries: [], span: p.spanFrom(start) };
    }
    const items: Expr[] = [];
    const entries: MapEntry[] = [];
    while (!p.at(']')) {
      if (p.atEnd()) p.expect(']', 'to close the list');
      const entry = parseElement(
        p,
        items.length === 0 && entries.length === 0 ? undefined : entries.length > 0,
      );
      if ('key' in entry) entries.push(entry);
      else items.push(entry);
      if (!p.eat(',')) break;
    }
    p.expectListEnd(']', entries.length > 0 ? 'the map' : 'the list');
    if (entries.length > 0 && items.length > 0) {
      p.error(
        'syntax',
        'a literal cannot mix list items and `key: value` entries',
        p.spanFrom(start),
      );
    }
    return entries.length > 0
      ? { kind: 'map', entries, span: p.spanFrom(start) }
      : { kind: 'list', items, span: p.spanFrom(start) };
  });
}

/** One list item or map entry; `isMap` says what earlier elements were (undefined: first). */
function parseElement(p: ParserState, isMap: boolean | undefined): Expr | MapEntry {
  const start = p.tok.start;
  if (p.at('*')) p.fail('unsupported-groovy', 'spread (`*list`, `*:map`) is not supported');
  const t = p.tok;
  let key: Expr;
  if (t.kind === 'ident' && p.nextIsPunct(':')) {
    p.next();
    key = { kind: 'str', value: t.text, quote: 'single', span: p.tokenSpan(t) } satisfies StrExpr;
  } else {
    key = p.g.expr(p);
    if (!p.at(':')) {
      if (isMap === true)
        p.fail('syntax', `expected \`:\` after the map key, found ${describeToken(p.tok)}`);
      return key;
    }
  }
  if (isMap === false) p.fail('syntax', 'a list cannot contain `key: value` entries');
  p.expect(':', 'after the map key');
  const value = p.g.expr(p);
  return { key, value, span: p.spanFrom(start) };
}
