/**
 * The controller's placement provider: a placement unit (a stage with its
 * own agent under `agent none`) becomes a job for a matching agent.
 *
 * Re-attach: units are identified by (build, stage path). Before queueing,
 * we look for that unit's latest job: finished → its result is returned
 * without running it again; queued or running → we wait for it. This is what
 * makes a re-run of the coordinator after a controller restart safe.
 */
import type { BuildResult } from '../../protocol/runner-types.ts';
import type { PlacementRequest } from '../ports.ts';
import { newId } from '../ids.ts';
import type { JobRecord } from '../store/records.ts';
import type { SchedulerContext } from './context.ts';
import { secretNames } from './build-credentials.ts';
import { attemptsFor, requirementOf, unitRetry } from './requirement.ts';

export async function runUnit(
  ctx: SchedulerContext,
  buildId: string,
  unit: PlacementRequest,
): Promise<{ result: BuildResult }> {
  const ended = waitForUnit(ctx, buildId, unit.stagePath);
  const jobs = (await ctx.store.listJobs(buildId)).filter((j) => j.unitPath === unit.stagePath);
  const latest = jobs.at(-1);
  if (latest && isFinal(latest)) return { result: latest.result ?? 'FAILURE' };
  let jobId = latest?.id;
  if (!latest) {
    const pipeline = ctx.pipelines.get(buildId);
    const job = await ctx.store.createJob({
      id: newId('j'),
      buildId,
      unitPath: unit.stagePath,
      requirement: requirementOf(unit.agent),
      inheritedEnv: unit.inheritedEnv,
      secretEnv: secretNames(ctx, buildId, unit.inheritedEnv),
      maxAttempts: pipeline ? attemptsFor(pipeline, unitRetry(pipeline, unit.stagePath)) : 2,
    });
    jobId = job.id;
    ctx.bus.publish({ kind: 'queue' });
    ctx.kick();
  }
  const onAbort = (): void => void cancelUnit(ctx, buildId, unit.stagePath);
  unit.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const job = await ended;
    return { result: job.result ?? 'FAILURE' };
  } finally {
    unit.signal.removeEventListener('abort', onAbort);
    void jobId;
  }
}

function isFinal(job: JobRecord): boolean {
  return job.status === 'done';
}

function waitForUnit(ctx: SchedulerContext, buildId: string, path: string): Promise<JobRecord> {
  return new Promise((resolve) => {
    const listener = (job: JobRecord): void => {
      if (job.buildId !== buildId || job.unitPath !== path) return;
      ctx.jobEvents.off('ended', listener);
      resolve(job);
    };
    ctx.jobEvents.on('ended', listener);
  });
}

async function cancelUnit(ctx: SchedulerContext, buildId: string, path: string): Promise<void> {
  const jobs = (await ctx.store.listJobs(buildId)).filter((j) => j.unitPath === path);
  for (const job of jobs) {
    if (job.status === 'assigned' || job.status === 'running') {
      ctx.fleet
        .get(job.agentId ?? '')
        ?.link?.send({ type: 'job.cancel', jobId: job.id, reason: 'cancelled' });
    }
  }
  ctx.kick();
}
