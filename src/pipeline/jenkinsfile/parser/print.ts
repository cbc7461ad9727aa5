/**
 * Prints Groovy ASTs back as source, fully parenthesised so the result
 * reads back to the same tree. Used by the round-trip property test and
 * handy wherever an expression must be shown (`when { expression }` in a plan).
 */
import type { Arg, Expr, Stmt } from '../../model/groovy.ts';

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function quote(s: string): string {
  return `'${s.replace(/[\\'\n\r\t]/g, (c) => ESCAPES[c]!)}'`;
}

function gstringText(s: string): string {
  return s.replace(/[\\"$\n\r\t]/g, (c) =>
    c === '"' ? '\\"' : c === '$' ? '\\$' : (ESCAPES[c] ?? c),
  );
}

function printArgs(args: Arg[]): string {
  return args
    .map((a) =>
      a.name !== undefined ? `${quote(a.name)}: ${printExpr(a.value)}` : printExpr(a.value),
    )
    .join(', ');
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'str':
      return quote(e.value);
    case 'gstring':
      return `"${e.parts.map((p) => ('text' in p ? gstringText(p.text) : `\${${printExpr(p.expr)}}`)).join('')}"`;
    case 'num':
      return String(e.value);
    case 'bool':
      return String(e.value);
    case 'null':
      return 'null';
    case 'list':
      return `[${e.items.map(printExpr).join(', ')}]`;
    case 'map':
      return e.entries.length === 0
        ? '[:]'
        : `[${e.entries.map((x) => `(${printExpr(x.key)}): ${printExpr(x.value)}`).join(', ')}]`;
    case 'var':
      return e.name;
    case 'prop':
      return `${printExpr(e.object)}${e.safe ? '?.' : e.spread ? '*.' : '.'}${quote(e.name)}`;
    case 'index':
      return `${printExpr(e.object)}[${printExpr(e.index)}]`;
    case 'call':
      return `${e.callee}(${printArgs(e.args)})${e.closure ? ' ' + printExpr(e.closure) : ''}`;
    case 'method':
      return `${printExpr(e.object)}${e.safe ? '?.' : e.spread ? '*.' : '.'}${quote(e.name)}(${printArgs(e.args)})${e.closure ? ' ' + printExpr(e.closure) : ''}`;
    case 'closure': {
      const params = e.implicitIt ? '' : `${e.params.map((p) => p.name).join(', ')} -> `;
      return `{ ${params}${printStmts(e.body)} }`;
    }
    case 'unary':
      return printUnary(e.op, printExpr(e.operand));
    case 'binary':
      return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case 'ternary':
      return `(${printExpr(e.cond)} ? ${printExpr(e.then)} : ${printExpr(e.otherwise)})`;
    case 'assign':
      return `(${printExpr(e.target)} ${e.op} ${printExpr(e.value)})`;
    case 'range':
      return `(${printExpr(e.from)}${e.exclusive ? '..<' : '..'}${printExpr(e.to)})`;
    case 'cast':
      return `(${printExpr(e.expr)} as ${e.typeName})`;
    case 'new':
      return `new ${e.typeName}(${printArgs(e.args)})`;
  }
}

function printUnary(op: string, operand: string): string {
  switch (op) {
    case 'post++':
      return `(${operand}++)`;
    case 'post--':
      return `(${operand}--)`;
    case '++pre':
      return `(++${operand})`;
    case '--pre':
      return `(--${operand})`;
    default:
      return `(${op}${operand})`;
  }
}

export function printStmts(stmts: Stmt[]): string {
  return stmts.map(printStmt).join('; ');
}

function block(stmts: Stmt[]): string {
  return `{ ${printStmts(stmts)} }`;
}

export function printStmt(s: Stmt): string {
  switch (s.kind) {
    case 'expr':
      return printExpr(s.expr);
    case 'def':
      return `${s.typeName ?? 'def'} ${s.names.length > 1 ? `(${s.names.join(', ')})` : s.names[0]}${s.init ? ` = ${printExpr(s.init)}` : ''}`;
    case 'if':
      return `if (${printExpr(s.cond)}) ${block(s.then)}${s.otherwise ? ` else ${block(s.otherwise)}` : ''}`;
    case 'for-in':
      return `for (${s.varName} in ${printExpr(s.iterable)}) ${block(s.body)}`;
    case 'for-classic':
      return `for (${s.init ? printStmt(s.init) : ''}; ${s.cond ? printExpr(s.cond) : ''}; ${s.update ? printExpr(s.update) : ''}) ${block(s.body)}`;
    case 'while':
      return `while (${printExpr(s.cond)}) ${block(s.body)}`;
    case 'return':
      return s.value ? `return ${printExpr(s.value)}` : 'return';
    case 'break':
    case 'continue':
      return s.kind;
    case 'throw':
      return `throw ${printExpr(s.value)}`;
    case 'try':
      return `try ${block(s.body)}${s.catches.map((c) => ` catch (${c.typeNames.length ? c.typeNames.join(' | ') + ' ' : ''}${c.varName}) ${block(c.body)}`).join('')}${s.finally ? ` finally ${block(s.finally)}` : ''}`;
    case 'switch':
      return `switch (${printExpr(s.subject)}) { ${s.cases.map((c) => `${c.values.map((v) => `case ${printExpr(v)}:`).join(' ')} ${printStmts(c.body)};`).join(' ')}${s.defaultCase ? ` default: ${printStmts(s.defaultCase)}` : ''} }`;
    case 'block':
      return `if (true) ${block(s.body)}`;
  }
}
