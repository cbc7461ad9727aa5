/** Jenkins label expressions: parse, match against an agent, describe. */
export { agentLabels, anyLabel, labelAtoms, matchesLabels, type LabelExpr } from './expr.ts';
export { parseLabelExpression, type LabelParseResult } from './parser.ts';
export { describeLabelExpression } from './describe.ts';
