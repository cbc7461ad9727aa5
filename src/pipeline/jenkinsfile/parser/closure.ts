/**
 * Closure literals: `{ … }`, `{ it.x }`, `{ k, v -> … }`, `{ String s -> … }`,
 * `{ -> … }`. Parameters are only recognised when an `->` follows them.
 */
import type { ClosureExpr, Param } from '../../model/groovy.ts';
import type { ParserState } from './state.ts';
import { parseParams } from './params.ts';

/** Tokens that may appear in a closure's parameter list before its `->`. */
function mayPrecedeArrow(text: string, kind: string): boolean {
  if (kind === 'ident' || kind === 'str' || kind === 'num') return true;
  return [',', '.', '<', '>', '>>', '[', ']', '?', '...', '=', '-'].includes(text);
}

function hasParams(p: ParserState): boolean {
  for (let j = p.i; j < p.tokens.length; j++) {
    const t = p.tokens[j]!;
    if (t.kind === 'punct' && t.text === '->') return true;
    if (!mayPrecedeArrow(t.text, t.kind)) return false;
  }
  return false;
}

export function parseClosure(p: ParserState): ClosureExpr {
  const open = p.next();
  p.enter();
  let params: Param[] = [];
  let implicitIt = true;
  if (hasParams(p)) {
    params = p.withNewlines(false, () => parseParams(p, '->'));
    p.expect('->', 'after the closure parameters');
    implicitIt = false;
  }
  const savedNested = p.nested;
  const savedNl = p.nlSignificant;
  p.nested = true;
  p.nlSignificant = true;
  const body = p.g.statements(p);
  p.nested = savedNested;
  p.nlSignificant = savedNl;
  p.expect('}', 'to close the closure');
  p.leave();
  return { kind: 'closure', params, implicitIt, body, span: p.spanFrom(open.start) };
}
