/** The planner: pipeline model → plan. Pure; `rig plan` prints `describePlan(plan(…))`. */
export { plan, collectStages } from './plan.ts';
export { describePlan } from './describe.ts';
export { findStage } from './find.ts';
export type { FindResult } from './find.ts';
export { buildEnvFromContext } from './build-env.ts';
export { antMatch, antMatchAny, splitAntPatterns } from './ant-glob.ts';
export { compareWith } from './comparator.ts';
export { evaluateLeaf, evaluateStatic, causeMatches, UNKNOWN } from './when.ts';
export type { Tri, Verdict, WhenFacts } from './when.ts';
export { describeCondition } from './when-describe.ts';
export { whenSkipReason } from './when-plan.ts';
export { requirementOf, describeAgent, describeRequirement } from './agents.ts';
export { formatMs } from './options.ts';
export { cellName } from './matrix.ts';
export type * from './types.ts';
