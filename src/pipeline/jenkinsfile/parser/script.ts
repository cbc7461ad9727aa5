/**
 * The entry point of the Groovy parser: lexes, repairs brackets, wires the
 * grammar modules together and parses a whole script.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { FunctionDef, Stmt } from '../../model/groovy.ts';
import type { LibraryRef } from '../../model/pipeline.ts';
import { balanceBrackets } from '../braces.ts';
import { lex } from '../lexer.ts';
import type { Source } from '../source.ts';
import { parseClosure } from './closure.ts';
import { parseCommandOrExpr, parseExpr } from './expr.ts';
import { Abort, ParserState, TooManyErrors, type Grammar } from './state.ts';
import { parseBody, parseStatement, parseStatements } from './stmt.ts';

export interface Script {
  body: Stmt[];
  functions: FunctionDef[];
  libraries: LibraryRef[];
}

export const GRAMMAR: Grammar = {
  expr: parseExpr,
  commandOrExpr: parseCommandOrExpr,
  statements: parseStatements,
  closure: parseClosure,
  body: parseBody,
  statement: parseStatement,
};

export function parseScript(src: Source, diagnostics: Diagnostic[]): Script {
  const tokens = lex(src, diagnostics);
  const balanced = balanceBrackets(tokens, src);
  diagnostics.push(...balanced.diagnostics);
  const p = new ParserState(balanced.tokens, src, diagnostics, GRAMMAR);
  const body: Stmt[] = [];
  try {
    parseTopLevel(p, body);
  } catch (e) {
    if (!(e instanceof TooManyErrors)) throw e;
    p.diagnostics.push({
      ...p.diagnostics[p.diagnostics.length - 1]!,
      severity: 'error',
      code: 'too-many-errors',
      message: 'too many errors; stopped reading the file here',
      notes: [],
    });
  }
  return { body, functions: p.functions, libraries: p.libraries };
}

function parseTopLevel(p: ParserState, body: Stmt[]): void {
  while (!p.atEnd()) {
    body.push(...parseStatements(p));
    if (p.at('}')) {
      // Only reachable when recovery left a closer behind; report and move on.
      try {
        p.fail('syntax', 'unexpected `}` at the top level');
      } catch (e) {
        if (!(e instanceof Abort)) throw e;
        p.next();
      }
    }
  }
}
