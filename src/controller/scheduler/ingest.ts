/**
 * The controller half of the log path. A chunk is applied at most once: log
 * lines go to the job's stream (idempotent by chunk number), other events to
 * the store (idempotent by (source, chunk, index)), and only then does the
 * job's `lastChunkSeq` move. A resend after any crash is therefore harmless.
 *
 * Chunks of one job are applied one at a time and strictly in order: a chunk
 * after a gap is not applied (nor acked); the agent resends from the last
 * acked chunk after its next `welcome`.
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

export type ChunkOutcome =
  | { status: 'applied' | 'duplicate'; ackedSeq: number; lineCount: number }
  | { status: 'gap' | 'unknown' };

const perJob = new Map<string, Promise<unknown>>();

/** Applies chunk `seq` of a job sent by `agentId`, serialised per job. */
export function applyJobChunk(
  ctx: SchedulerContext,
  agentId: string,
  jobId: string,
  seq: number,
  events: BuildEvent[],
): Promise<ChunkOutcome> {
  const run = async (): Promise<ChunkOutcome> => {
    const job = await ctx.store.getJob(jobId);
    if (job?.agentId !== agentId) return { status: 'unknown' };
    if (seq <= job.lastChunkSeq)
      return { status: 'duplicate', ackedSeq: job.lastChunkSeq, lineCount: job.logLines };
    if (seq > job.lastChunkSeq + 1) return { status: 'gap' };
    return applyChunk(ctx, { ...job, jobId: job.id, source: job.id }, seq, events);
  };
  const next = (perJob.get(jobId) ?? Promise.resolve()).catch(() => undefined).then(run);
  perJob.set(jobId, next);
  void next.finally(() => perJob.get(jobId) === next && perJob.delete(jobId)).catch(() => {});
  return next;
}

/** Applies the next chunk of a stream; the caller guarantees `seq === target.lastChunkSeq + 1`. */
export async function applyChunk(
  ctx: SchedulerContext,
  target: ChunkTarget,
  seq: number,
  events: BuildEvent[],
): Promise<ChunkOutcome> {
  const { lines, stored } = splitChunk(events, target.logLines);
  const appended = await ctx.logs.append(logKey(target.buildId, target.source), seq, lines);
  if (appended.status !== 'appended' && appended.status !== 'duplicate') return { status: 'gap' };
  await ctx.store.recordChunk({
    jobId: target.jobId,
    buildId: target.buildId,
    source: target.source,
    chunkSeq: seq,
    events: stored,
    logLines: appended.lineCount,
  });
  if (stored.length > 0)
    ctx.bus.publish({ kind: 'build', buildId: target.buildId }, { events: stored.length });
  return { status: 'applied', ackedSeq: seq, lineCount: appended.lineCount };
}

type Segment = { stage: string | null; stepId: string | null; from: number; count: number };

/** Log lines for the stream; other events (and one segment per run of a step's lines) for the store. */
function splitChunk(
  events: BuildEvent[],
  firstLine: number,
): { lines: string[]; stored: Array<{ index: number; line: number; event: unknown }> } {
  const lines: string[] = [];
  const stored: Array<{ index: number; line: number; event: unknown }> = [];
  let line = firstLine;
  let segment: Segment | null = null;
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
  return { lines, stored };
}
