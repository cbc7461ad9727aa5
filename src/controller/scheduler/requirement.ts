/** What an `agent` directive asks of a machine, in the controller's terms. */
import type { Agent, Pipeline } from '../../protocol/runner-types.ts';

type Options = Pipeline['options'];
type StageList = Pipeline['stages'];
import type { Requirement } from '../store/records.ts';

export function requirementOf(agent: Agent): Requirement {
  switch (agent.kind) {
    case 'any':
    case 'none':
      return { labelExpr: null, executor: null };
    case 'label':
    case 'node':
      return { labelExpr: agent.label.trim() === '' ? null : agent.label, executor: null };
    case 'docker':
    case 'dockerfile':
      return { labelExpr: agent.label ?? null, executor: 'container' };
    case 'kubernetes':
      return { labelExpr: agent.label ?? null, executor: null };
    case 'executor':
      return { labelExpr: agent.label ?? null, executor: agent.executor };
  }
}

/** Attempts for a job: one automatic retry for infrastructure failures, or `retry(conditions: [agent()])`. */
export function attemptsFor(pipeline: Pipeline, stageRetry?: Pipeline['options']['retry']): number {
  const retry = stageRetry ?? pipeline.options.retry;
  if (retry && retry.conditions.includes('agent')) return Math.max(1, retry.count);
  return 2;
}

export function describeRequirement(r: Requirement): string {
  const parts = [r.labelExpr === null ? 'any agent' : `\`${r.labelExpr}\``];
  if (r.executor !== null) parts.push(`with the ${r.executor} executor`);
  return parts.join(' ');
}

/**
 * The `retry` option closest to a placement unit: the unit's own stage, else
 * the nearest enclosing stage or matrix that has one (a matrix cell's path
 * continues below the matrix stage), else none (the pipeline's applies).
 */
export function unitRetry(pipeline: Pipeline, path: string): Options['retry'] {
  const names = path.split('/');
  let stages: StageList = pipeline.stages;
  let found: Options['retry'];
  for (const name of names) {
    const stage = stages.find((s) => s.name === name);
    if (!stage) return found;
    found = stage.options.retry ?? found;
    const body = stage.body;
    if (body.kind === 'matrix') return body.matrix.options.retry ?? found;
    if (body.kind === 'steps') return found;
    stages = body.stages;
  }
  return found;
}
