/**
 * Jenkins label expressions as data: the tree the parser builds, how it is
 * matched against an agent's labels, and how it is written back as text.
 *
 * Semantics follow Jenkins (`hudson.model.labels`): an atom is true when the
 * agent carries that label, exactly and case-sensitively; an agent's own name
 * counts as one of its labels (`agentLabels`). `any` is what `agent any` and an
 * empty `label ''` mean: every agent matches.
 */

export type LabelExpr =
  | { kind: 'any' }
  | { kind: 'atom'; name: string }
  | { kind: 'not'; operand: LabelExpr }
  | { kind: 'and' | 'or' | 'implies' | 'iff'; left: LabelExpr; right: LabelExpr };

export type BinaryKind = 'and' | 'or' | 'implies' | 'iff';

/** The expression `agent any` stands for. */
export const anyLabel: LabelExpr = { kind: 'any' };

/** The label set an agent is matched with: its labels plus its own name, as in Jenkins. */
export function agentLabels(name: string, labels: readonly string[]): string[] {
  return labels.includes(name) ? [...labels] : [...labels, name];
}

/** True when an agent with these labels (include its name: `agentLabels`) satisfies `expr`. */
export function matchesLabels(expr: LabelExpr, labels: readonly string[]): boolean {
  return evaluate(expr, new Set(labels));
}

function evaluate(expr: LabelExpr, labels: ReadonlySet<string>): boolean {
  switch (expr.kind) {
    case 'any':
      return true;
    case 'atom':
      return labels.has(expr.name);
    case 'not':
      return !evaluate(expr.operand, labels);
    case 'and':
      return evaluate(expr.left, labels) && evaluate(expr.right, labels);
    case 'or':
      return evaluate(expr.left, labels) || evaluate(expr.right, labels);
    case 'implies':
      return !evaluate(expr.left, labels) || evaluate(expr.right, labels);
    case 'iff':
      return evaluate(expr.left, labels) === evaluate(expr.right, labels);
  }
}

/** Every label name the expression mentions, once each, in order of appearance. */
export function labelAtoms(expr: LabelExpr): string[] {
  const names = new Set<string>();
  const visit = (e: LabelExpr): void => {
    if (e.kind === 'atom') names.add(e.name);
    else if (e.kind === 'not') visit(e.operand);
    else if (e.kind !== 'any') {
      visit(e.left);
      visit(e.right);
    }
  };
  visit(expr);
  return [...names];
}
