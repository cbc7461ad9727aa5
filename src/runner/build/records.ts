/** Stage records and the stage.start / stage.end events. */
import type { BuildResult } from '../../pipeline/model/pipeline.ts';
import type { PlannedStage } from '../../pipeline/planner/types.ts';
import { isWorse, worst } from '../results.ts';
import type { BuildState, StageRecord } from './types.ts';

export function startStage(
  build: BuildState,
  planned: PlannedStage,
  parent: StageRecord | null,
): StageRecord {
  const record: StageRecord = {
    planned,
    path: planned.path,
    name: planned.name,
    parent,
    warning: null,
    childResult: null,
    startedAt: Date.now(),
  };
  build.emit({ type: 'stage.start', at: record.startedAt, path: record.path, name: record.name });
  return record;
}

/**
 * Ends a stage. A stage that failed has its error's result (a failFast
 * sibling that ended ABORTED does not make it ABORTED); one that did not
 * fail shows its warnings and its children's (an UNSTABLE child).
 */
export function endStage(
  build: BuildState,
  record: StageRecord,
  own: BuildResult,
  skipped?: { reason: string },
): BuildResult {
  const result = skipped
    ? 'NOT_BUILT'
    : own !== 'SUCCESS'
      ? worst(own, record.warning)
      : worst(own, record.warning, record.childResult);
  const at = Date.now();
  build.emit({
    type: 'stage.end',
    at,
    path: record.path,
    result,
    durationMs: at - record.startedAt,
    ...(skipped ? { skipped } : {}),
  });
  if (!skipped && record.parent) {
    const p = record.parent;
    if (p.childResult === null || isWorse(result, p.childResult)) p.childResult = result;
  }
  return result;
}

/** A sink that marks this stage and every enclosing stage (Jenkins scans nested nodes). */
export function stageSink(record: StageRecord): (result: BuildResult) => void {
  return (result) => {
    for (let r: StageRecord | null = record; r; r = r.parent) {
      if (r.warning === null || isWorse(result, r.warning)) r.warning = result;
    }
  };
}
