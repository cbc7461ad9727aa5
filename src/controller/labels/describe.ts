/**
 * Writes a label expression back in Jenkins syntax, for messages such as
 * "no online agent matches `linux && !arm`". The text parses back to the same
 * tree (parentheses only where precedence or Jenkins' grammar needs them), so
 * it is also a canonical form. `any` is written as the word `any`, as in
 * `agent any`.
 */
import type { BinaryKind, LabelExpr } from './expr.ts';
import { isBareAtomChar } from './lexer.ts';

const operator: Record<BinaryKind, string> = {
  iff: '<->',
  implies: '->',
  or: '||',
  and: '&&',
};

/** Binding strength, loosest first, as in Jenkins' LabelExpressionParser.g4. */
const precedence: Record<LabelExpr['kind'], number> = {
  iff: 1,
  implies: 2,
  or: 3,
  and: 4,
  not: 5,
  atom: 6,
  any: 6,
};

export function describeLabelExpression(expr: LabelExpr): string {
  switch (expr.kind) {
    case 'any':
      return 'any';
    case 'atom':
      return quoteAtomIfNeeded(expr.name);
    case 'not':
      // Jenkins allows `!` only before an atom or a parenthesised expression.
      return '!' + wrap(expr.operand, precedence.atom);
    default: {
      const own = precedence[expr.kind];
      // `->` does not chain at all; the others associate to the left.
      const leftMin = expr.kind === 'implies' ? own + 1 : own;
      return `${wrap(expr.left, leftMin)} ${operator[expr.kind]} ${wrap(expr.right, own + 1)}`;
    }
  }
}

function wrap(expr: LabelExpr, minimum: number): string {
  const text = describeLabelExpression(expr);
  return precedence[expr.kind] >= minimum ? text : `(${text})`;
}

export function quoteAtomIfNeeded(name: string): string {
  if (name.length > 0 && [...name].every((c) => isBareAtomChar(c))) return name;
  return '"' + name.replace(/[\\"\n\r\t\f\b]/g, escapeChar) + '"';
}

function escapeChar(c: string): string {
  const named: Record<string, string> = { '\n': 'n', '\r': 'r', '\t': 't', '\f': 'f', '\b': 'b' };
  return '\\' + (named[c] ?? c);
}
