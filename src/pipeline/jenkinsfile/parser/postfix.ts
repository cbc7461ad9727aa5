/**
 * Postfix operations after a primary: member access (`.`, `?.`, `*.`),
 * method calls, indexing, calls, trailing closures and `++`/`--`.
 *
 * Trailing closures attach to calls and names even when the `{` starts the
 * next line (`stage('x')` / `{`), as Groovy does.
 */
import type { Arg, ClosureExpr, Expr } from '../../model/groovy.ts';
import { describeToken } from '../tokens.ts';
import { parseParenArgs } from './args.ts';
import type { ParserState } from './state.ts';

export const POSTFIX_BP = 150;

export function parsePostfix(p: ParserState, left: Expr, start: number): Expr {
  for (;;) {
    const t = p.tok;
    if (t.kind !== 'punct') return left;
    const sameLine = !t.nl;
    switch (t.text) {
      case '.':
      case '?.':
      case '*.':
      case '.@':
        left = parseMember(p, left, start);
        break;
      case '.&':
      case '::':
        return p.fail('unsupported-groovy', 'method pointers (`.&`, `::`) are not supported');
      case '[':
        if (!sameLine) return left;
        left = parseIndex(p, left, start);
        break;
      case '(':
        if (!sameLine) return left;
        left = callValue(p, left, parseParenArgs(p), start);
        break;
      case '{': {
        const attached = attachClosure(p, left, start);
        if (!attached) return left;
        left = attached;
        break;
      }
      case '++':
      case '--':
        if (!sameLine) return left;
        p.next();
        left = {
          kind: 'unary',
          op: t.text === '++' ? 'post++' : 'post--',
          operand: left,
          span: p.spanFrom(start),
        };
        break;
      default:
        return left;
    }
  }
}

function parseMember(p: ParserState, object: Expr, start: number): Expr {
  const op = p.next().text;
  const nameTok = p.tok;
  let name: string;
  if (nameTok.kind === 'ident' || nameTok.kind === 'str') {
    name = nameTok.text;
    p.next();
  } else if (nameTok.kind === 'gstr') {
    return p.fail('unsupported-groovy', 'dynamic member names (`obj."${name}"`) are not supported');
  } else {
    return p.fail(
      'syntax',
      `expected a member name after \`${op}\`, found ${describeToken(nameTok)}`,
    );
  }
  const safe = op === '?.';
  const spread = op === '*.';
  if (p.at('(') && !p.tok.nl) {
    const args = parseParenArgs(p);
    return { kind: 'method', object, name, args, safe, spread, span: p.spanFrom(start) };
  }
  return { kind: 'prop', object, name, safe, spread, span: p.spanFrom(start) };
}

function parseIndex(p: ParserState, object: Expr, start: number): Expr {
  p.next();
  const index = p.withNewlines(false, () => p.g.expr(p));
  if (p.at(',')) p.fail('unsupported-groovy', 'multiple indexes (`a[1, 2]`) are not supported');
  p.expect(']', 'to close the index');
  return { kind: 'index', object, index, span: p.spanFrom(start) };
}

/** `f(args)`: a free call for a name, otherwise Groovy's `value.call(args)`. */
function callValue(p: ParserState, callee: Expr, args: Arg[], start: number): Expr {
  if (callee.kind === 'var') {
    return { kind: 'call', callee: callee.name, args, parens: true, span: p.spanFrom(start) };
  }
  return {
    kind: 'method',
    object: callee,
    name: 'call',
    args,
    safe: false,
    spread: false,
    span: p.spanFrom(start),
  };
}

function attachClosure(p: ParserState, left: Expr, start: number): Expr | undefined {
  switch (left.kind) {
    case 'var': {
      const closure = p.g.closure(p);
      return {
        kind: 'call',
        callee: left.name,
        args: [],
        closure,
        parens: false,
        span: p.spanFrom(start),
      };
    }
    case 'call':
      if (left.closure || !left.parens) return undefined;
      return withClosure(left, p.g.closure(p), p, start);
    case 'method':
      if (left.closure) return undefined;
      return withClosure(left, p.g.closure(p), p, start);
    case 'prop': {
      const closure = p.g.closure(p);
      return {
        kind: 'method',
        object: left.object,
        name: left.name,
        args: [],
        closure,
        safe: left.safe,
        spread: left.spread,
        span: p.spanFrom(start),
      };
    }
    default:
      return undefined;
  }
}

function withClosure(
  left: Extract<Expr, { kind: 'call' | 'method' }>,
  closure: ClosureExpr,
  p: ParserState,
  start: number,
): Expr {
  // Built field by field (not spread) so call nodes keep one property order.
  const span = p.spanFrom(start);
  if (left.kind === 'call') {
    return {
      kind: 'call',
      callee: left.callee,
      args: left.args,
      closure,
      parens: left.parens,
      span,
    };
  }
  const { object, name, args, safe, spread } = left;
  return { kind: 'method', object, name, args, closure, safe, spread, span };
}
