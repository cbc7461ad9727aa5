/** Skipped stages: reported with their reason, children included; they run no post. */
import type { PlannedStage } from '../../pipeline/planner/types.ts';
import { endStage, startStage } from '../build/records.ts';
import type { BuildState, StageRecord } from '../build/types.ts';

export const SKIPPED_FOR_FAILURE = 'skipped due to earlier failure(s)';
export const SKIPPED_FOR_UNSTABLE = 'skipped due to earlier stage(s) marking the build as unstable';

/** Reports `stage` (already started as `record`) and its subtree as skipped. */
export function finishSkipped(build: BuildState, record: StageRecord, reason: string): void {
  build.emit({
    type: 'log',
    at: Date.now(),
    stage: record.path,
    stepId: null,
    stream: 'system',
    text: `Stage "${record.name}" ${reason}`,
  });
  for (const child of record.planned.children) skipTree(build, child, record, reason);
  endStage(build, record, 'NOT_BUILT', { reason });
}

function skipTree(
  build: BuildState,
  stage: PlannedStage,
  parent: StageRecord,
  reason: string,
): void {
  const record = startStage(build, stage, parent);
  for (const child of stage.children) skipTree(build, child, record, reason);
  endStage(build, record, 'NOT_BUILT', { reason });
}
