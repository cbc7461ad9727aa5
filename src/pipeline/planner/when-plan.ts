/** The plan-time decision for a stage's `when` (all its conditions must hold). */
import type { When } from '../model/pipeline.ts';
import type { StaticEnv } from './static-env.ts';
import { staticEnvLookup } from './static-env.ts';
import type { PlanContext, WhenPlan } from './types.ts';
import type { WhenFacts } from './when.ts';
import { UNKNOWN, evaluateStatic } from './when.ts';

export function planWhen(when: When | undefined, env: StaticEnv, ctx: PlanContext): WhenPlan {
  if (!when || when.conditions.length === 0) return { decision: 'run', reasons: [] };
  const facts: WhenFacts = {
    env: (name) => staticEnvLookup(env, name),
    causes: ctx.causes ?? [],
    changedFiles: ctx.changedFiles,
    changelog: ctx.changelog,
  };
  const reasons: string[] = [];
  const pending: string[] = [];
  for (const cond of when.conditions) {
    const verdict = evaluateStatic(cond, facts);
    if (verdict.value === false) return { decision: 'skip', reason: whenSkipReason(verdict.why) };
    if (verdict.value === UNKNOWN) pending.push(verdict.why);
    else reasons.push(verdict.why);
  }
  return pending.length > 0 ? { decision: 'runtime', pending } : { decision: 'run', reasons };
}

/** The `skipped.reason` of a stage whose `when` did not hold (plan and run use the same words). */
export function whenSkipReason(why: string): string {
  return `skipped due to when conditional (${why})`;
}
