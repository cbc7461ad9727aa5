/**
 * GStrings: the lexer hands over literal text, `${…}` token lists and `$a.b`
 * paths; each `${…}` is parsed here by a sub-parser over its own tokens.
 */
import type { Expr, GStringExpr } from '../../model/groovy.ts';
import { balanceBrackets } from '../braces.ts';
import { KEYWORDS, makeToken, type GPart, type Token } from '../tokens.ts';
import { Abort, ParserState } from './state.ts';

export function gstringFromToken(p: ParserState, t: Token): GStringExpr {
  const parts: GStringExpr['parts'] = [];
  for (const part of t.extra?.parts ?? []) {
    if (part.kind === 'text') parts.push({ text: part.text });
    else if (part.kind === 'path') parts.push({ expr: pathExpr(p, part) });
    else parts.push({ expr: embedded(p, part) });
  }
  return {
    kind: 'gstring',
    parts,
    triple: t.extra?.quote === 'triple-double',
    span: p.tokenSpan(t),
  };
}

function pathExpr(p: ParserState, part: Extract<GPart, { kind: 'path' }>): Expr {
  const [first, ...rest] = part.names;
  let expr: Expr = { kind: 'var', name: first!.name, span: p.src.span(first!.start, first!.end) };
  for (const n of rest) {
    expr = {
      kind: 'prop',
      object: expr,
      name: n.name,
      safe: false,
      spread: false,
      span: p.src.span(part.start + 1, n.end),
    };
  }
  return expr;
}

/** `${}` is null in Groovy; `${a; b}` is rare enough to refuse. */
function embedded(p: ParserState, part: Extract<GPart, { kind: 'expr' }>): Expr {
  const whole = p.src.span(part.start, part.end);
  if (part.tokens.length === 0) return { kind: 'null', span: whole };
  const path = dottedPath(p, part.tokens);
  if (path) return path;
  const eof: Token = makeToken('eof', '', part.end - 1, part.end - 1, true);
  const balanced = balanceBrackets([...part.tokens, eof], p.src);
  for (const d of balanced.diagnostics) p.report(d);
  const sub = new ParserState(balanced.tokens, p.src, p.diagnostics, p.g);
  sub.nlSignificant = false;
  sub.depth = p.depth;
  try {
    sub.enter();
    const expr = p.g.commandOrExpr(sub);
    if (!sub.atEnd()) {
      sub.fail('syntax', 'expected `}` to end the `${…}` expression');
    }
    return expr;
  } catch (e) {
    if (e instanceof Abort) return { kind: 'null', span: whole };
    throw e;
  }
}

/** `${NAME}` and `${env.NAME}` are most interpolations: build them without a sub-parser. */
function dottedPath(p: ParserState, tokens: Token[]): Expr | undefined {
  if (tokens.length % 2 === 0) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const ok =
      i % 2 === 0
        ? t.kind === 'ident' && !KEYWORDS.has(t.text)
        : t.kind === 'punct' && t.text === '.';
    if (!ok) return undefined;
  }
  const first = tokens[0]!;
  let expr: Expr = { kind: 'var', name: first.text, span: p.src.span(first.start, first.end) };
  for (let i = 2; i < tokens.length; i += 2) {
    const t = tokens[i]!;
    expr = {
      kind: 'prop',
      object: expr,
      name: t.text,
      safe: false,
      spread: false,
      span: p.src.span(first.start, t.end),
    };
  }
  return expr;
}
