/**
 * How jobs end: normally (`job.done`), or lost with their agent. A lost job
 * is an infrastructure event: the log says so plainly and the same unit runs
 * again on another matching agent while attempts remain.
 */
import type { BuildResult } from '../../protocol/runner-types.ts';
import type { JobRecord } from '../store/records.ts';
import { newId } from '../ids.ts';
import type { SchedulerContext } from './context.ts';
import { jobLockPrefix } from './lock-requests.ts';
import { systemLine } from './system-log.ts';

export async function endJob(
  ctx: SchedulerContext,
  job: JobRecord,
  result: BuildResult,
  note: string | null,
): Promise<void> {
  const patch = { status: 'done' as const, result, finishedAt: Date.now(), note };
  await ctx.locks.releaseAllOf(jobLockPrefix(job), (tx) => tx.updateJob(job.id, patch));
  ctx.fleet.release(job.agentId, job.id);
  ctx.jobEvents.emit('ended', { ...job, ...patch });
  ctx.bus.publish({ kind: 'build', buildId: job.buildId }, { job: job.id });
  ctx.bus.publish({ kind: 'queue' });
  ctx.kick();
}

export async function loseJob(
  ctx: SchedulerContext,
  job: JobRecord,
  agentName: string,
  why: string,
): Promise<void> {
  const what = job.unitPath === null ? 'the build' : `stage ${job.unitPath}`;
  const lost = {
    status: 'lost' as const,
    finishedAt: Date.now(),
    note: `agent ${agentName} lost: ${why}`,
  };
  const build = await ctx.store.getBuild(job.buildId);
  if (build?.cancelRequested) {
    await systemLine(
      ctx,
      job.buildId,
      `Agent ${agentName} was lost (${why}) while ${what} was being cancelled.`,
    );
    return endJob(ctx, { ...job, status: 'lost' }, 'ABORTED', 'agent lost while cancelling');
  }
  if (job.attempt < job.maxAttempts) {
    await systemLine(
      ctx,
      job.buildId,
      `Agent ${agentName} was lost (${why}). This is an infrastructure failure, not a test failure: ` +
        `${what} will run again on another matching agent (attempt ${job.attempt + 1} of ${job.maxAttempts}).`,
    );
    // Lost and its retry in one transaction: a crash between would strand the unit.
    await ctx.locks.releaseAllOf(jobLockPrefix(job), async (tx) => {
      await tx.updateJob(job.id, lost);
      await tx.createJob({
        id: newId('j'),
        buildId: job.buildId,
        unitPath: job.unitPath,
        requirement: job.requirement,
        inheritedEnv: job.inheritedEnv,
        secretEnv: job.secretEnv,
        attempt: job.attempt + 1,
        maxAttempts: job.maxAttempts,
      });
    });
    ctx.fleet.release(job.agentId, job.id);
    ctx.bus.publish({ kind: 'queue' });
    ctx.kick();
    return;
  }
  await systemLine(
    ctx,
    job.buildId,
    `Agent ${agentName} was lost (${why}) and ${what} has no attempts left ` +
      `(${job.maxAttempts}; raise with retry(count: N, conditions: [agent()])). The build fails for an infrastructure reason.`,
  );
  await endJob(ctx, { ...job, status: 'lost' }, 'FAILURE', 'agent lost; no attempts left');
}

/** An agent's reconnect window ran out: every job it held is lost. */
export async function agentGone(ctx: SchedulerContext, agentId: string): Promise<void> {
  const agent = ctx.fleet.get(agentId);
  const name = agent?.name ?? agentId;
  ctx.fleet.remove(agentId);
  await ctx.store.updateAgent(agentId, { status: 'offline', connectedAt: null });
  const held = (await ctx.store.jobsWithStatus(['assigned', 'running'])).filter(
    (j) => j.agentId === agentId,
  );
  const window = Math.round(ctx.config.reconnectWindowMs / 1000);
  for (const job of held) await loseJob(ctx, job, name, `no contact for ${window} s`);
  ctx.bus.publish({ kind: 'agents' });
}
