/**
 * Statements: the statement loop with error recovery, control flow, and the
 * dispatch to declarations. A statement ends at a newline, `;` or `}`.
 */
import type { Expr, Stmt } from '../../model/groovy.ts';
import { describeToken } from '../tokens.ts';
import {
  parseDeclaration,
  looksLikeDeclaration,
  parseAnnotated,
  parseTopLevelOnly,
} from './decl.ts';
import { parseCommandOrExpr, parseExpr } from './expr.ts';
import { parseFor, parseSwitch, parseTry } from './control.ts';
import { Abort, type ParserState, type StmtResult } from './state.ts';

type StopAt = (p: ParserState) => boolean;

/** Statements until `}` (not consumed), the end, or `stop`. Recovers from syntax errors. */
export function parseStatements(p: ParserState, stop?: StopAt): Stmt[] {
  const out: Stmt[] = [];
  while (!p.atEnd() && !p.at('}') && !(stop && stop(p))) {
    if (p.eat(';')) continue;
    const start = p.i;
    const depth = p.depth;
    const nl = p.nlSignificant;
    const nested = p.nested;
    try {
      const s = parseStatement(p);
      if (Array.isArray(s)) out.push(...s);
      else if (s) out.push(s);
      endOfStatement(p);
    } catch (e) {
      if (!(e instanceof Abort)) throw e;
      p.depth = depth;
      p.nlSignificant = nl;
      p.nested = nested;
      p.sync(start, p.i);
    }
  }
  return out;
}

function endOfStatement(p: ParserState): void {
  const t = p.tok;
  if (t.nl || t.kind === 'eof' || p.at(';') || p.at('}')) return;
  p.fail(
    'syntax',
    `found ${describeToken(t)} where the statement should end (a new line or \`;\`)`,
  );
}

export function parseStatement(p: ParserState): StmtResult {
  const t = p.tok;
  if (t.kind === 'punct' && t.text === '@') return parseAnnotated(p);
  if (t.kind === 'ident') {
    const keyword = parseKeywordStatement(p, t.text);
    if (keyword !== null) return keyword;
    if (looksLikeDeclaration(p)) return parseDeclaration(p);
    if (p.nextIsPunct(':', true)) return parseLabelled(p);
  }
  const expr = parseCommandOrExpr(p);
  // An expression statement covers exactly its expression: share the span object.
  return { kind: 'expr', expr, span: expr.span };
}

/** The statement a keyword starts, or `null` when `word` starts none. */
function parseKeywordStatement(p: ParserState, word: string): StmtResult | null {
  switch (word) {
    case 'if':
      return parseIf(p);
    case 'for':
      return parseFor(p);
    case 'while':
      return parseWhile(p);
    case 'return':
      return parseReturn(p);
    case 'break':
    case 'continue':
      return parseJump(p, word);
    case 'try':
      return parseTry(p);
    case 'throw':
      return parseThrow(p);
    case 'switch':
      return parseSwitch(p);
    case 'assert':
      return parseAssert(p);
    case 'do':
      return p.fail('unsupported-groovy', '`do … while` loops are not supported; use `while`');
    case 'else':
    case 'catch':
    case 'finally':
    case 'case':
    case 'default':
      return p.fail(
        'syntax',
        `\`${word}\` without a matching \`${word === 'else' ? 'if' : word === 'case' || word === 'default' ? 'switch' : 'try'}\``,
      );
    case 'import':
    case 'package':
    case 'class':
    case 'interface':
    case 'enum':
    case 'trait':
      return parseTopLevelOnly(p);
  }
  return null;
}

/** `{ … }` as a block, or a single statement (`if (x) return`). */
export function parseBody(p: ParserState): Stmt[] {
  if (!p.at('{')) {
    const s = parseStatement(p);
    return Array.isArray(s) ? s : s ? [s] : [];
  }
  p.next();
  p.enter();
  const saved = p.nested;
  p.nested = true;
  const body = p.withNewlines(true, () => parseStatements(p));
  p.nested = saved;
  p.expect('}', 'to close the block');
  p.leave();
  return body;
}

export function parseCondition(p: ParserState, what: string): Expr {
  p.expect('(', `after \`${what}\``);
  const cond = p.withNewlines(false, () => parseExpr(p));
  p.expect(')', `to close the \`${what}\` condition`);
  return cond;
}

function parseIf(p: ParserState): Stmt {
  const start = p.next().start;
  const cond = parseCondition(p, 'if');
  const then = parseBody(p);
  if (!p.at('else')) return { kind: 'if', cond, then, span: p.spanFrom(start) };
  p.next();
  const otherwise = p.at('if') ? [parseIf(p)] : parseBody(p);
  return { kind: 'if', cond, then, otherwise, span: p.spanFrom(start) };
}

function parseWhile(p: ParserState): Stmt {
  const start = p.next().start;
  const cond = parseCondition(p, 'while');
  const body = parseBody(p);
  return { kind: 'while', cond, body, span: p.spanFrom(start) };
}

function endsHere(p: ParserState): boolean {
  const t = p.tok;
  return t.nl || t.kind === 'eof' || p.at(';') || p.at('}');
}

function parseReturn(p: ParserState): Stmt {
  const start = p.next().start;
  if (endsHere(p)) return { kind: 'return', span: p.spanFrom(start) };
  const value = parseCommandOrExpr(p);
  return { kind: 'return', value, span: p.spanFrom(start) };
}

function parseJump(p: ParserState, word: 'break' | 'continue'): Stmt {
  const start = p.next().start;
  if (!endsHere(p) && p.tok.kind === 'ident') {
    p.error('unsupported-groovy', `labelled \`${word}\` is not supported`, p.tokenSpan(p.tok));
    p.next();
  }
  return { kind: word, span: p.spanFrom(start) };
}

function parseThrow(p: ParserState): Stmt {
  const start = p.next().start;
  const value = parseExpr(p);
  return { kind: 'throw', value, span: p.spanFrom(start) };
}

/** `assert cond : 'message'` becomes a call of `assert`, which the runner implements. */
function parseAssert(p: ParserState): Stmt {
  const start = p.next().start;
  const cond = parseExpr(p);
  const args = [{ value: cond, span: cond.span }];
  if (p.eat(':') || p.eat(',')) {
    const msg = parseExpr(p);
    args.push({ value: msg, span: msg.span });
  }
  const span = p.spanFrom(start);
  return {
    kind: 'expr',
    expr: { kind: 'call', callee: 'assert', args, parens: false, span },
    span,
  };
}

function parseLabelled(p: ParserState): StmtResult {
  const label = p.next();
  p.next();
  p.error(
    'unsupported-groovy',
    `statement labels (\`${label.text}:\`) are not supported`,
    p.tokenSpan(label),
  );
  if (endsHere(p)) return undefined;
  return parseStatement(p);
}
