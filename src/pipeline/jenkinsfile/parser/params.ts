/** Parameter lists of closures and functions: `a, String b, c = 1, String... rest`. */
import type { Param } from '../../model/groovy.ts';
import type { ParserState } from './state.ts';
import { parseType, typeThenName } from './types.ts';

/** Parses parameters until `close` (`)` or `->`), which is left unconsumed. */
export function parseParams(p: ParserState, close: string): Param[] {
  const params: Param[] = [];
  while (!p.at(close) && !p.atEnd()) {
    params.push(parseParam(p));
    if (!p.eat(',')) break;
  }
  return params;
}

function parseParam(p: ParserState): Param {
  const start = p.tok.start;
  while (p.at('final')) p.next();
  let typeName: string | undefined;
  if (p.at('def')) {
    p.next();
  } else if (typeThenName(p)) {
    typeName = parseType(p, 'for the parameter');
  }
  const name = p.expectIdent('for the parameter').text;
  const param: Param = { name, span: p.spanFrom(start) };
  if (typeName !== undefined) param.typeName = typeName;
  if (p.eat('=')) {
    param.defaultValue = p.g.expr(p);
    param.span = p.spanFrom(start);
  }
  return param;
}
