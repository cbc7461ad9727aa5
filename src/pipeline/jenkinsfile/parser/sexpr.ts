/**
 * A compact S-expression rendering of Groovy ASTs, for tests and debugging:
 * `a + b * c` → `(+ a (* b c))`. Spans are left out.
 */
import type { Arg, Expr, Stmt } from '../../model/groovy.ts';

export function showExpr(e: Expr): string {
  switch (e.kind) {
    case 'str':
      return JSON.stringify(e.value);
    case 'gstring':
      return `(gstr ${e.parts.map((p) => ('text' in p ? JSON.stringify(p.text) : showExpr(p.expr))).join(' ')})`;
    case 'num':
    case 'bool':
      return String(e.value);
    case 'null':
      return 'null';
    case 'list':
      return `[${e.items.map(showExpr).join(' ')}]`;
    case 'map':
      return `[${e.entries.map((x) => `${showExpr(x.key)}: ${showExpr(x.value)}`).join(', ') || ':'}]`;
    case 'var':
      return e.name;
    case 'prop':
      return `(${e.safe ? '?.' : e.spread ? '*.' : '.'} ${showExpr(e.object)} ${e.name})`;
    case 'index':
      return `(index ${showExpr(e.object)} ${showExpr(e.index)})`;
    case 'call':
      return `(call ${e.callee}${showArgs(e.args)}${e.closure ? ' ' + showExpr(e.closure) : ''})`;
    case 'method':
      return `(${e.safe ? '?.' : e.spread ? '*.' : '.'}${e.name} ${showExpr(e.object)}${showArgs(e.args)}${e.closure ? ' ' + showExpr(e.closure) : ''})`;
    case 'closure':
      return `{${e.params.map((p) => p.name).join(',')}${e.implicitIt ? '' : ' ->'} ${showStmts(e.body)}}`;
    case 'unary':
      return `(${e.op} ${showExpr(e.operand)})`;
    case 'binary':
      return `(${e.op} ${showExpr(e.left)} ${showExpr(e.right)})`;
    case 'ternary':
      return `(? ${showExpr(e.cond)} ${showExpr(e.then)} ${showExpr(e.otherwise)})`;
    case 'assign':
      return `(${e.op} ${showExpr(e.target)} ${showExpr(e.value)})`;
    case 'range':
      return `(${e.exclusive ? '..<' : '..'} ${showExpr(e.from)} ${showExpr(e.to)})`;
    case 'cast':
      return `(as ${showExpr(e.expr)} ${e.typeName})`;
    case 'new':
      return `(new ${e.typeName}${showArgs(e.args)})`;
  }
}

function showArgs(args: Arg[]): string {
  return args
    .map((a) => ` ${a.name !== undefined ? a.name + ':' : ''}${showExpr(a.value)}`)
    .join('');
}

export function showStmts(stmts: Stmt[]): string {
  return stmts.map(showStmt).join('; ');
}

export function showStmt(s: Stmt): string {
  switch (s.kind) {
    case 'expr':
      return showExpr(s.expr);
    case 'def':
      return `(def ${s.typeName ? s.typeName + ' ' : ''}${s.names.join(',')}${s.init ? ' ' + showExpr(s.init) : ''})`;
    case 'if':
      return `(if ${showExpr(s.cond)} {${showStmts(s.then)}}${s.otherwise ? ` {${showStmts(s.otherwise)}}` : ''})`;
    case 'for-in':
      return `(for ${s.varName} ${showExpr(s.iterable)} {${showStmts(s.body)}})`;
    case 'for-classic':
      return `(for ${s.init ? showStmt(s.init) : '_'} ${s.cond ? showExpr(s.cond) : '_'} ${s.update ? showExpr(s.update) : '_'} {${showStmts(s.body)}})`;
    case 'while':
      return `(while ${showExpr(s.cond)} {${showStmts(s.body)}})`;
    case 'return':
      return s.value ? `(return ${showExpr(s.value)})` : '(return)';
    case 'break':
    case 'continue':
      return `(${s.kind})`;
    case 'try':
      return `(try {${showStmts(s.body)}}${s.catches.map((c) => ` (catch ${c.typeNames.join('|')} ${c.varName} {${showStmts(c.body)}})`).join('')}${s.finally ? ` (finally {${showStmts(s.finally)}})` : ''})`;
    case 'throw':
      return `(throw ${showExpr(s.value)})`;
    case 'switch':
      return `(switch ${showExpr(s.subject)}${s.cases.map((c) => ` (case ${c.values.map(showExpr).join(' ')} {${showStmts(c.body)}})`).join('')}${s.defaultCase ? ` (default {${showStmts(s.defaultCase)}})` : ''})`;
    case 'block':
      return `{${showStmts(s.body)}}`;
  }
}
