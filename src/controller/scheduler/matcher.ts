/** Which live agents can take a job, and why none can (the queue's reasons). */
import { agentLabels, matchesLabels, parseLabelExpression } from '../labels/index.ts';
import type { LabelExpr } from '../labels/index.ts';
import type { Requirement } from '../store/records.ts';
import { describeRequirement } from './requirement.ts';

export interface Candidate {
  id: string;
  name: string;
  labels: string[];
  executorKinds: string[];
  executors: number;
  busy: number;
  usable: boolean;
}

const parsed = new Map<string, LabelExpr | { error: string }>();

function compile(text: string): LabelExpr | { error: string } {
  let e = parsed.get(text);
  if (!e) {
    const r = parseLabelExpression(text);
    e = 'expr' in r ? r.expr : { error: `${r.error.message} (at ${r.error.offset})` };
    parsed.set(text, e);
  }
  return e;
}

export function labelError(r: Requirement): string | null {
  if (r.labelExpr === null) return null;
  const e = compile(r.labelExpr);
  return 'error' in e ? `invalid label expression \`${r.labelExpr}\`: ${e.error}` : null;
}

export function fits(r: Requirement, a: Candidate): boolean {
  if (r.executor !== null && !a.executorKinds.includes(r.executor)) return false;
  if (r.labelExpr === null) return true;
  const e = compile(r.labelExpr);
  return !('error' in e) && matchesLabels(e, agentLabels(a.name, a.labels));
}

/** The least busy usable agent that fits and has a free executor, or why there is none. */
export function pickAgent(
  r: Requirement,
  agents: Candidate[],
): { agent: Candidate } | { reason: string } {
  const invalid = labelError(r);
  if (invalid) return { reason: invalid };
  const matching = agents.filter((a) => fits(r, a));
  const usable = matching.filter((a) => a.usable);
  const free = usable.filter((a) => a.busy < a.executors).sort((x, y) => x.busy - y.busy);
  if (free[0]) return { agent: free[0] };
  const what = describeRequirement(r);
  if (matching.length === 0) return { reason: `no online agent matches ${what}` };
  if (usable.length === 0)
    return { reason: `every agent matching ${what} is draining or quarantined` };
  const names = usable.map((a) => a.name).join(', ');
  return { reason: `waiting for a free executor on ${names} (matching ${what})` };
}
