/**
 * Runs the top level of an `agent none` build in this process, through the
 * injected `RunCoordinator` (the runner, wired by `rig serve`). Its events
 * are numbered in emission order from 1, so a re-run after a controller
 * restart re-emits the same numbers and the log path drops what it already
 * has; its units re-attach by stage path (placement.ts).
 */
import type { BuildEvent, BuildResult } from '../../protocol/runner-types.ts';
import { buildContextFor } from './build-context.ts';
import { buildCredentials } from './build-credentials.ts';
import type { SchedulerContext } from './context.ts';
import { applyChunk } from './ingest.ts';
import type { ChunkTarget } from './ingest.ts';
import { planBuild } from './plan.ts';
import { runUnit } from './placement.ts';
import { systemLine } from './system-log.ts';

export async function runCoordinated(ctx: SchedulerContext, buildId: string): Promise<BuildResult> {
  const abort = new AbortController();
  ctx.coordinators.set(buildId, abort);
  const build = await ctx.store.getBuild(buildId);
  const project = build && (await ctx.store.getProject(build.projectId));
  if (!build || !project) return 'NOT_BUILT';
  if (build.cancelRequested) abort.abort();
  let pipeline = ctx.pipelines.get(buildId);
  if (!pipeline) {
    const planned = await planBuild(ctx, build, project);
    if ('errors' in planned) throw new Error(planned.errors.join('; '));
    pipeline = planned.pipeline;
  }
  if (!ctx.coordinator) {
    await systemLine(ctx, buildId, 'This controller has no runner for `agent none` pipelines.');
    return 'NOT_BUILT';
  }
  const target: ChunkTarget = {
    jobId: null,
    buildId,
    source: 'coordinator',
    lastChunkSeq: 0,
    logLines: 0,
  };
  let seq = 0;
  let lockCalls = 0;
  let writes = Promise.resolve();
  const onEvent = (event: BuildEvent): void => {
    const n = ++seq;
    writes = writes.then(async () => {
      const r = await applyChunk(ctx, { ...target, lastChunkSeq: n - 1 }, n, [event]);
      if (r.status === 'applied') target.logLines = r.lineCount;
    });
  };
  const { result } = await ctx.coordinator({
    pipeline,
    context: await buildContextFor(ctx.store, build, project),
    onEvent,
    signal: abort.signal,
    runUnit: (unit) => runUnit(ctx, buildId, unit),
    credentials: buildCredentials(ctx, build),
    acquireLock: async (resource, signal) => {
      // One holder per lock() call: parallel branches of the top level exclude each other.
      const holder = `${buildId}:coordinator#${++lockCalls}`;
      await ctx.locks.acquire(resource, holder, signal);
      return () => void ctx.locks.release(resource, holder);
    },
  });
  await writes;
  ctx.buildSecrets.delete(buildId);
  return result;
}
