/**
 * The controller half of the log path. A chunk is applied at most once: log
 * lines go to the job's stream (idempotent by chunk number), other events to
 * the store (idempotent by (source, chunk, index)), and only then does the
 * job's `lastChunkSeq` move. A resend after any crash is therefore harmless.
 */
import type { BuildEvent } from '../../protocol/runner-types.ts';
import type { SchedulerContext } from './context.ts';
import { logKey } from './context.ts';

export interface ChunkTarget {
  jobId: string | null;
  buildId: string;
  source: string;
  lastChunkSeq: number;
  logLines: number;
}

/** Returns the stream's line count after the chunk, or null when the chunk was a duplicate. */
export async function applyChunk(
  ctx: SchedulerContext,
  target: ChunkTarget,
  seq: number,
  events: BuildEvent[],
): Promise<number | null> {
  if (seq <= target.lastChunkSeq) return null;
  const lines: string[] = [];
  const stored: Array<{ index: number; line: number; event: unknown }> = [];
  let line = target.logLines;
  let segment: { stage: string | null; stepId: string | null; from: number; count: number } | null =
    null;
  events.forEach((e, index) => {
    if (e.type !== 'log') {
      stored.push({ index, line, event: e });
      return;
    }
    const parts = e.text.split('\n');
    lines.push(...parts);
    // Consecutive lines of one step become one segment: the UI jumps from a stage to its lines.
    if (segment && segment.stage === e.stage && segment.stepId === e.stepId)
      segment.count += parts.length;
    else {
      segment = { stage: e.stage, stepId: e.stepId, from: line, count: parts.length };
      stored.push({ index, line, event: { type: 'log.segment', at: e.at, segment } });
    }
    line += parts.length;
  });
  await ctx.logs.append(logKey(target.buildId, target.source), seq, lines);
  await ctx.store.recordChunk({
    jobId: target.jobId,
    buildId: target.buildId,
    source: target.source,
    chunkSeq: seq,
    events: stored,
    logLines: line,
  });
  if (stored.length > 0)
    ctx.bus.publish({ kind: 'build', buildId: target.buildId }, { events: stored.length });
  return line;
}
