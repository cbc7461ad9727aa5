/**
 * A build's life: queued → (planned, quiet period, concurrency) → running →
 * finished. `advanceQueue` is idempotent and runs on every kick.
 */
import type { BuildResult } from '../../protocol/runner-types.ts';
import { newId } from '../ids.ts';
import type { BuildRecord } from '../store/records.ts';
import type { SchedulerContext } from './context.ts';
import { runCoordinated } from './coordinator.ts';
import { endJob } from './job-end.ts';
import { planBuild } from './plan.ts';
import { attemptsFor, requirementOf } from './requirement.ts';
import { systemLine } from './system-log.ts';

const planning = new Set<string>();
const wakeups = new Map<string, NodeJS.Timeout>();

export async function advanceQueue(ctx: SchedulerContext): Promise<void> {
  const queued = (await ctx.store.listBuilds({ status: ['queued'], limit: 1000 })).reverse();
  for (const build of queued) {
    if (planning.has(build.id)) continue;
    planning.add(build.id);
    try {
      await advance(ctx, build);
    } finally {
      planning.delete(build.id);
    }
  }
}

async function advance(ctx: SchedulerContext, build: BuildRecord): Promise<void> {
  const project = await ctx.store.getProject(build.projectId);
  if (!project) return finishBuild(ctx, build.id, 'NOT_BUILT', 'its project no longer exists');
  if (!ctx.pipelines.has(build.id) || build.placement === null) {
    const planned = await planBuild(ctx, build, project);
    if ('errors' in planned) {
      for (const e of planned.errors) await systemLine(ctx, build.id, `Cannot start: ${e}`);
      return finishBuild(ctx, build.id, 'FAILURE', 'the pipeline could not be read');
    }
    build = planned.build;
  }
  const pipeline = ctx.pipelines.get(build.id);
  if (!pipeline) return;
  const reason = await waitReason(
    ctx,
    build,
    pipeline.options.disableConcurrentBuilds !== undefined,
  );
  if (reason !== null) {
    if (reason !== build.waitReason) {
      await ctx.store.updateBuild(build.id, { waitReason: reason });
      ctx.bus.publish({ kind: 'queue' });
    }
    return;
  }
  await startBuild(ctx, build);
}

async function waitReason(
  ctx: SchedulerContext,
  build: BuildRecord,
  oneAtATime: boolean,
): Promise<string | null> {
  const now = Date.now();
  if (build.notBefore > now) {
    if (!wakeups.has(build.id)) {
      wakeups.set(
        build.id,
        setTimeout(() => (wakeups.delete(build.id), ctx.kick()), build.notBefore - now),
      );
    }
    return `quiet period: starts in ${Math.ceil((build.notBefore - now) / 1000)} s`;
  }
  if (!oneAtATime) return null;
  const running = await ctx.store.listBuilds({
    projectId: build.projectId,
    status: ['running'],
    limit: 1,
  });
  const other = running[0];
  return other ? `waiting for build #${other.number} to finish (disableConcurrentBuilds)` : null;
}

async function startBuild(ctx: SchedulerContext, build: BuildRecord): Promise<void> {
  const pipeline = ctx.pipelines.get(build.id);
  if (!pipeline) return;
  // Running and its job, in one transaction: a crash between the two would leave a build
  // that runs nothing and is never finished.
  await ctx.store.atomically(async (tx) => {
    await tx.updateBuild(build.id, { status: 'running', startedAt: Date.now(), waitReason: null });
    if (build.placement === 'controller') return;
    await tx.createJob({
      id: newId('j'),
      buildId: build.id,
      unitPath: null,
      requirement: requirementOf(pipeline.agent),
      maxAttempts: attemptsFor(pipeline),
    });
  });
  ctx.buildEvents.emit('started', build.id);
  await systemLine(
    ctx,
    build.id,
    `Started build #${build.number} at commit ${build.commit ?? '?'}.`,
  );
  ctx.bus.publish({ kind: 'queue' });
  if (build.placement === 'controller') startCoordinator(ctx, build.id);
  ctx.kick();
}

export function startCoordinator(ctx: SchedulerContext, buildId: string): void {
  if (ctx.coordinators.has(buildId)) return;
  void runCoordinated(ctx, buildId)
    .then((result) => finishBuild(ctx, buildId, result, null))
    .catch(async (err: unknown) => {
      ctx.log.error({ err, build: buildId }, 'coordinator failed');
      await systemLine(
        ctx,
        buildId,
        `The controller failed running this build's top level: ${String(err)}`,
      );
      await finishBuild(ctx, buildId, 'FAILURE', 'coordinator error');
    });
}

export async function finishBuild(
  ctx: SchedulerContext,
  buildId: string,
  result: BuildResult,
  why: string | null,
): Promise<void> {
  const build = await ctx.store.getBuild(buildId);
  if (!build || build.status === 'finished') return;
  // The last line goes first: a reader that sees `finished` has every line.
  await systemLine(ctx, buildId, `Finished: ${result}${why ? ` (${why})` : ''}.`);
  // Finished and its locks freed together: a crash between must not strand a lock.
  await ctx.locks.releaseAllOf(`${buildId}:`, (tx) =>
    tx.updateBuild(buildId, {
      status: 'finished',
      result,
      finishedAt: Date.now(),
      waitReason: null,
    }),
  );
  ctx.buildEvents.emit('finished', buildId);
  ctx.pipelines.delete(buildId);
  ctx.coordinators.delete(buildId);
  ctx.bus.publish({ kind: 'queue' });
  ctx.kick();
}

/** Cancel: queued builds end at once; running ones stop as `rig run` does on Ctrl-C. */
export async function cancelBuild(
  ctx: SchedulerContext,
  buildId: string,
  by: string,
): Promise<BuildRecord | undefined> {
  const build = await ctx.store.getBuild(buildId);
  if (!build || build.status === 'finished') return build;
  await ctx.store.updateBuild(buildId, { cancelRequested: true });
  await systemLine(ctx, buildId, `Cancel requested by ${by}.`);
  if (build.status === 'queued') {
    await finishBuild(ctx, buildId, 'ABORTED', 'cancelled while queued');
    return ctx.store.getBuild(buildId);
  }
  ctx.coordinators.get(buildId)?.abort();
  for (const job of await ctx.store.listJobs(buildId)) {
    if (job.status === 'queued') await endJob(ctx, job, 'ABORTED', 'cancelled before it started');
    if (job.status === 'assigned' || job.status === 'running') {
      ctx.fleet
        .get(job.agentId ?? '')
        ?.link?.send({ type: 'job.cancel', jobId: job.id, reason: `cancelled by ${by}` });
    }
  }
  return ctx.store.getBuild(buildId);
}

/** A whole-build job ended: so did the build. */
export function finishOnJobEnd(ctx: SchedulerContext): void {
  ctx.jobEvents.on('ended', (job) => {
    if (job.unitPath !== null) return;
    void finishBuild(ctx, job.buildId, job.result ?? 'FAILURE', job.note).catch((err: unknown) =>
      ctx.log.error({ err, build: job.buildId }, 'finishing build failed'),
    );
  });
}
