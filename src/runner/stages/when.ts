/**
 * `when` at run time. Conditions that read only facts use the planner's
 * evaluator (so `rig plan` and the run agree); `expression` and `equals` run
 * Groovy here. `allOf`/`anyOf` short-circuit, as Jenkins' do. Jenkins
 * evaluates `when` at most once per stage, at the point `beforeOptions`,
 * `beforeInput` or `beforeAgent` select (default: inside the agent, before
 * the stage's environment).
 */
import type { When, WhenCondition } from '../../pipeline/model/pipeline.ts';
import { describeCondition } from '../../pipeline/planner/when-describe.ts';
import { evaluateLeaf } from '../../pipeline/planner/when.ts';
import type { WhenFacts } from '../../pipeline/planner/when.ts';
import { whenSkipReason } from '../../pipeline/planner/when-plan.ts';
import type { ExecContext } from '../build/types.ts';
import { envGet } from '../env/lookup.ts';
import { groovyEquals } from '../groovy/compare.ts';
import { toStr } from '../groovy/format.ts';
import { truthy } from '../groovy/values.ts';

interface Outcome {
  ok: boolean;
  why: string;
}

export class WhenEvaluator {
  passed: boolean;
  reason = '';

  constructor(private readonly when: When | undefined) {
    this.passed = !when || when.conditions.length === 0;
  }

  /** True when the stage may go on: already passed, not evaluated at this point, or holds now. */
  async check(ctx: ExecContext, now: boolean): Promise<boolean> {
    if (this.passed || !now || !this.when) return true;
    for (const cond of this.when.conditions) {
      const outcome = await evaluate(cond, ctx);
      if (!outcome.ok) {
        this.reason = whenSkipReason(outcome.why);
        return false;
      }
    }
    this.passed = true;
    return true;
  }
}

function facts(ctx: ExecContext): WhenFacts {
  const c = ctx.build.context;
  return {
    env: (name) => envGet(ctx, name),
    causes: c.causes,
    ...(c.changedFiles ? { changedFiles: c.changedFiles } : {}),
    ...(c.changelog ? { changelog: c.changelog } : {}),
  };
}

async function evaluate(cond: WhenCondition, ctx: ExecContext): Promise<Outcome> {
  const interp = ctx.build.interp;
  switch (cond.kind) {
    case 'expression': {
      const value = await interp.runBody(cond.body, ctx);
      return { ok: truthy(value), why: `${describeCondition(cond)} returned ${toStr(value)}` };
    }
    case 'equals': {
      const expected = await interp.evalInBinding(cond.expected, ctx);
      const actual = await interp.evalInBinding(cond.actual, ctx);
      return {
        ok: groovyEquals(expected, actual),
        why: `equals: expected '${toStr(expected)}', actual '${toStr(actual)}'`,
      };
    }
    case 'not': {
      const inner = await evaluate(cond.condition, ctx);
      return { ok: !inner.ok, why: `not (${inner.why})` };
    }
    case 'allOf':
    case 'anyOf': {
      const any = cond.kind === 'anyOf';
      const whys: string[] = [];
      for (const c of cond.conditions) {
        const o = await evaluate(c, ctx);
        if (o.ok === any) return o;
        whys.push(o.why);
      }
      return { ok: !any, why: whys.join('; ') };
    }
    default: {
      const verdict = evaluateLeaf(cond, facts(ctx));
      return { ok: verdict.value === true, why: verdict.why };
    }
  }
}
