/** `for`, `switch` and `try`: the control statements with more than one shape. */
import type { Expr, Stmt, SwitchStmt, TryStmt } from '../../model/groovy.ts';
import { parseExpr } from './expr.ts';
import type { ParserState } from './state.ts';
import { parseType, scanType, typeThenName } from './types.ts';

function parenHasSemicolon(p: ParserState): boolean {
  const close = p.match[p.i]!;
  for (let j = p.i + 1; j < close; j++) {
    const t = p.tokens.get(j);
    if (t.kind === 'punct' && t.text === ';') return true;
    const m = p.match[j]!;
    if (m > j) j = m;
  }
  return false;
}

export function parseFor(p: ParserState): Stmt {
  const start = p.next().start;
  if (!p.at('(')) p.expect('(', 'after `for`');
  if (parenHasSemicolon(p)) return parseClassicFor(p, start);
  p.next();
  const varName = p.withNewlines(false, () => {
    if (p.at('def') || p.at('final')) p.next();
    if (typeThenName(p)) parseType(p, 'in the loop');
    const name = p.expectIdent('for the loop variable').text;
    if (!p.eat(':')) p.expect('in', 'after the loop variable');
    return name;
  });
  const iterable = p.withNewlines(false, () => parseExpr(p));
  p.expect(')', 'to close the `for`');
  const body = p.g.body(p);
  return { kind: 'for-in', varName, iterable, body, span: p.spanFrom(start) };
}

function parseClassicFor(p: ParserState, start: number): Stmt {
  p.next();
  const parts = p.withNewlines(false, () => {
    const init = p.at(';') ? undefined : p.g.statement(p);
    p.expect(';', 'after the loop initialiser');
    const cond = p.at(';') ? undefined : parseExpr(p);
    p.expect(';', 'after the loop condition');
    const update = p.at(')') ? undefined : parseExpr(p);
    if (p.at(','))
      p.fail('unsupported-groovy', 'several update expressions in a `for` are not supported');
    p.expect(')', 'to close the `for`');
    return { init: Array.isArray(init) ? init[0] : init, cond, update };
  });
  const body = p.g.body(p);
  const stmt: Stmt = { kind: 'for-classic', body, span: p.spanFrom(start) };
  if (parts.init) stmt.init = parts.init;
  if (parts.cond) stmt.cond = parts.cond;
  if (parts.update) stmt.update = parts.update;
  return stmt;
}

export function parseTry(p: ParserState): Stmt {
  const start = p.next().start;
  if (!p.at('{')) p.expect('{', 'after `try`');
  const body = p.g.body(p);
  const catches: TryStmt['catches'] = [];
  while (p.at('catch')) catches.push(parseCatch(p));
  const stmt: TryStmt = { kind: 'try', body, catches, span: p.spanFrom(start) };
  if (p.eat('finally')) {
    if (!p.at('{')) p.expect('{', 'after `finally`');
    stmt.finally = p.g.body(p);
  }
  if (catches.length === 0 && !stmt.finally) {
    p.fail('syntax', '`try` needs a `catch` or a `finally`');
  }
  stmt.span = p.spanFrom(start);
  return stmt;
}

function parseCatch(p: ParserState): TryStmt['catches'][number] {
  const start = p.next().start;
  p.expect('(', 'after `catch`');
  const typeNames: string[] = [];
  const varName = p.withNewlines(false, () => {
    while (p.at('final')) p.next();
    for (;;) {
      const typeEnd = scanType(p, p.i);
      const more = p.tokenAt(typeEnd);
      if (typeEnd > p.i && (more?.kind === 'ident' || more?.text === '|')) {
        typeNames.push(parseType(p, 'in `catch`'));
        if (p.eat('|')) continue;
      }
      break;
    }
    if (p.at('def')) p.next();
    return p.expectIdent('for the caught exception').text;
  });
  p.expect(')', 'to close the `catch`');
  if (!p.at('{')) p.expect('{', 'after the `catch` clause');
  const body = p.g.body(p);
  return { varName, typeNames, body, span: p.spanFrom(start) };
}

export function parseSwitch(p: ParserState): Stmt {
  const start = p.next().start;
  p.expect('(', 'after `switch`');
  const subject = p.withNewlines(false, () => parseExpr(p));
  p.expect(')', 'to close the `switch` subject');
  p.expect('{', 'to open the `switch` body');
  const stmt: SwitchStmt = { kind: 'switch', subject, cases: [], span: p.spanFrom(start) };
  let pending: Expr[] = [];
  let caseStart = p.tok.start;
  const atLabel = (q: ParserState): boolean => q.at('case') || q.at('default');
  while (!p.at('}') && !p.atEnd()) {
    if (p.eat('default')) {
      p.expect(':', 'after `default`');
      stmt.defaultCase = p.g.statements(p, atLabel);
      continue;
    }
    if (pending.length === 0) caseStart = p.tok.start;
    p.expect('case', 'in the `switch` body');
    pending.push(p.withNewlines(false, () => parseExpr(p)));
    p.expect(':', 'after the `case` value');
    const body = p.g.statements(p, atLabel);
    // Consecutive labels without statements share the next body, as in Java.
    if (body.length === 0 && p.at('case')) continue;
    stmt.cases.push({ values: pending, body, span: p.spanFrom(caseStart) });
    pending = [];
  }
  p.expect('}', 'to close the `switch`');
  stmt.span = p.spanFrom(start);
  return stmt;
}
