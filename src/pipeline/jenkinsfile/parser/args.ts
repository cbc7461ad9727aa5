/**
 * Argument lists: `(a, name: b)` with parentheses, and the command form
 * without them (`sh script: 'x', returnStdout: true`, `values 'a', 'b'`).
 */
import type { Arg } from '../../model/groovy.ts';
import type { ParserState } from './state.ts';

/** `(args)`; the current token is `(`. Newlines inside do not end anything. */
export function parseParenArgs(p: ParserState): Arg[] {
  p.next();
  // Saved and restored by hand (no closure): this is the hottest path. After
  // a syntax error the statement loop restores the mode itself.
  const saved = p.nlSignificant;
  p.nlSignificant = false;
  const args: Arg[] = [];
  while (!p.at(')')) {
    if (p.atEnd()) p.expect(')', 'to close the argument list');
    args.push(parseArg(p));
    if (!p.eat(',')) break;
  }
  p.expectListEnd(')', 'the argument list');
  p.nlSignificant = saved;
  return args;
}

/** Arguments of a command call, up to the end of the statement. */
export function parseCommandArgs(p: ParserState): Arg[] {
  const args: Arg[] = [parseArg(p)];
  // An argument may start on the line after a comma; newlines still end each one.
  while (p.at(',')) {
    p.next();
    // Tolerate a trailing comma before the block ends (`values 'a', 'b',` then `}`).
    if (p.at('}') || p.atEnd()) break;
    args.push(parseArg(p));
  }
  return args;
}

/** The name of a named argument at the current token (`name:` or `'name':`), if it is one. */
export function namedKey(p: ParserState): string | undefined {
  if (!p.nextIsPunct(':')) return undefined;
  const t = p.tok;
  if (t.kind === 'ident' || t.kind === 'str') return t.text;
  return undefined;
}

function parseArg(p: ParserState): Arg {
  const start = p.tok.start;
  if (p.at('*') || p.at('*:')) {
    p.fail('unsupported-groovy', 'spread arguments (`*list`, `*:map`) are not supported');
  }
  const name = namedKey(p);
  if (name !== undefined) {
    p.next();
    p.next();
    const value = p.g.expr(p);
    return { name, value, span: p.spanFrom(start) };
  }
  const value = p.g.expr(p);
  // A positional argument covers exactly its value: share the span object.
  return { value, span: value.span };
}
