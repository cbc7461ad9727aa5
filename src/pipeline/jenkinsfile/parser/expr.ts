/**
 * Expressions, by precedence climbing (Pratt). Binding powers follow
 * Groovy's operator table; newlines end an expression unless it is inside
 * brackets or the next line starts with an operator that cannot start a
 * statement (`.`, `&&`, `?:`, …).
 */
import type { AssignOp, BinaryOp, Expr } from '../../model/groovy.ts';
import { KEYWORDS, type Token } from '../tokens.ts';
import { parseCommandArgs } from './args.ts';
import { parsePostfix } from './postfix.ts';
import { parsePrimary } from './primary.ts';
import type { ParserState } from './state.ts';
import { parseType } from './types.ts';

const ASSIGN_BP = 10;
const TERNARY_BP = 20;

const BINARY: Record<string, number> = {
  '||': 30,
  '&&': 40,
  '|': 50,
  '^': 60,
  '&': 70,
  '==': 80,
  '!=': 80,
  '<=>': 80,
  '===': 80,
  '!==': 80,
  '=~': 80,
  '==~': 80,
  '<': 90,
  '<=': 90,
  '>': 90,
  '>=': 90,
  in: 90,
  '!in': 90,
  instanceof: 90,
  '!instanceof': 90,
  as: 90,
  '<<': 100,
  '>>': 100,
  '>>>': 100,
  '..': 100,
  '..<': 100,
  '+': 110,
  '-': 110,
  '*': 120,
  '/': 120,
  '%': 120,
  '**': 140,
};

const ASSIGN_OPS = new Set([
  '=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '?=',
  '**=',
  '<<=',
  '>>=',
  '>>>=',
  '&=',
  '|=',
  '^=',
]);
const MODEL_ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '?=']);
const UNSUPPORTED_BINARY = new Set(['===', '!==', '>>>']);

/** Operators that may begin a line and still continue the expression above. */
const CONTINUES_LINE = new Set([
  '&&',
  '||',
  '?',
  '?:',
  '==',
  '!=',
  '=~',
  '==~',
  '<=>',
  '<=',
  '>=',
  '<',
  '>',
  '|',
  '&',
  '^',
  '**',
  '*',
  '%',
  '/',
  '<<',
  '>>',
  '..',
  '..<',
  'instanceof',
]);

function infixPower(t: Token): number {
  if (t.kind === 'punct') {
    if (t.text === '?' || t.text === '?:') return TERNARY_BP;
    if (ASSIGN_OPS.has(t.text)) return ASSIGN_BP;
    return BINARY[t.text] ?? -1;
  }
  if (t.kind === 'ident' && (t.text === 'in' || t.text === 'instanceof' || t.text === 'as')) {
    return BINARY[t.text]!;
  }
  return -1;
}

export function parseExpr(p: ParserState, minBp = 0): Expr {
  p.enter();
  const start = p.tok.start;
  const left = parsePostfix(p, parsePrimary(p), start);
  const result = parseInfix(p, left, start, minBp);
  p.leave();
  return result;
}

function parseInfix(p: ParserState, left: Expr, start: number, minBp: number): Expr {
  for (;;) {
    const t = p.tok;
    const bp = infixPower(t);
    if (bp < 0 || bp < minBp) return left;
    if (t.nl && p.nlSignificant && !CONTINUES_LINE.has(t.text)) return left;
    p.next();
    left = applyInfix(p, t, bp, left, start);
  }
}

function applyInfix(p: ParserState, op: Token, bp: number, left: Expr, start: number): Expr {
  const text = op.text;
  if (text === '?') return parseTernary(p, left, start);
  if (ASSIGN_OPS.has(text)) return parseAssign(p, op, left, start);
  if (text === 'as') {
    const typeName = parseType(p, 'after `as`');
    return { kind: 'cast', expr: left, typeName, span: p.spanFrom(start) };
  }
  if (text === 'instanceof' || text === '!instanceof') {
    const typeStart = p.tok.start;
    const name = parseType(p, `after \`${text}\``);
    const right: Expr = { kind: 'var', name, span: p.spanFrom(typeStart) };
    const test: Expr = { kind: 'binary', op: 'instanceof', left, right, span: p.spanFrom(start) };
    return text === 'instanceof'
      ? test
      : { kind: 'unary', op: '!', operand: test, span: test.span };
  }
  // `**` and `?:` group to the right; everything else to the left.
  const right = parseExpr(p, text === '**' || text === '?:' ? bp : bp + 1);
  const span = p.spanFrom(start);
  if (text === '..' || text === '..<') {
    return { kind: 'range', from: left, to: right, exclusive: text === '..<', span };
  }
  if (UNSUPPORTED_BINARY.has(text)) {
    p.error('unsupported-groovy', `the operator \`${text}\` is not supported`, p.tokenSpan(op));
    return { kind: 'binary', op: text === '!==' ? '!=' : '==', left, right, span };
  }
  return { kind: 'binary', op: text as BinaryOp, left, right, span };
}

function parseTernary(p: ParserState, cond: Expr, start: number): Expr {
  const then = p.withNewlines(false, () => parseExpr(p));
  p.expect(':', 'in the `? :` expression');
  const otherwise = parseExpr(p, TERNARY_BP);
  return { kind: 'ternary', cond, then, otherwise, span: p.spanFrom(start) };
}

function parseAssign(p: ParserState, op: Token, target: Expr, start: number): Expr {
  if (target.kind !== 'var' && target.kind !== 'prop' && target.kind !== 'index') {
    p.error('syntax', 'only a variable, property or index can be assigned to', target.span);
  }
  if (!MODEL_ASSIGN_OPS.has(op.text)) {
    p.error('unsupported-groovy', `the operator \`${op.text}\` is not supported`, p.tokenSpan(op));
  }
  const value = parseCommandOrExpr(p);
  const assignOp = (MODEL_ASSIGN_OPS.has(op.text) ? op.text : '=') as AssignOp;
  return { kind: 'assign', op: assignOp, target, value, span: p.spanFrom(start) };
}

const VALUE_KEYWORDS = new Set(['true', 'false', 'null', 'this', 'super', 'new']);

/** Whether `t` can start the first argument of a command call (`sh 'x'`, `agent any`). */
function startsCommandArg(t: Token): boolean {
  if (t.nl) return false;
  if (t.kind === 'ident') return !KEYWORDS.has(t.text) || VALUE_KEYWORDS.has(t.text);
  return t.kind === 'num' || t.kind === 'str' || t.kind === 'gstr';
}

/**
 * Where Groovy allows a command call without parentheses — a statement, the
 * right side of `=`, a `return` — `name arg, key: value` is a call.
 */
export function parseCommandOrExpr(p: ParserState): Expr {
  p.enter();
  const start = p.tok.start;
  let left = parsePostfix(p, parsePrimary(p), start);
  if ((left.kind === 'var' || left.kind === 'prop') && startsCommandArg(p.tok)) {
    const args = p.withNewlines(true, () => parseCommandArgs(p));
    left =
      left.kind === 'var'
        ? { kind: 'call', callee: left.name, args, parens: false, span: p.spanFrom(start) }
        : {
            kind: 'method',
            object: left.object,
            name: left.name,
            args,
            safe: left.safe,
            spread: left.spread,
            span: p.spanFrom(start),
          };
    p.leave();
    return left;
  }
  const result = parseInfix(p, left, start, 0);
  p.leave();
  return result;
}
