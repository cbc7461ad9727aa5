/**
 * After a controller restart. Builds keep running on their agents; here we
 * pick up the threads: coordinators of `agent none` builds run again (their
 * units re-attach), agents that held jobs get their reconnect window from now,
 * and a build whose job ended just before the crash is finished.
 */
import { startCoordinator, finishBuild } from './builds.ts';
import type { SchedulerContext } from './context.ts';
import { startLossTimer } from './agent-sessions.ts';

export async function recover(ctx: SchedulerContext): Promise<void> {
  const held = await ctx.store.jobsWithStatus(['assigned', 'running']);
  for (const job of held) {
    if (job.agentId === null) continue;
    const known = await ctx.store.getAgent(job.agentId);
    const agent = ctx.fleet.expect(job.agentId, known?.name ?? job.agentId);
    agent.jobs.add(job.id);
    if (agent.link === null) startLossTimer(ctx, job.agentId);
  }
  const running = await ctx.store.listBuilds({ status: ['running'], limit: 10_000 });
  for (const build of running) {
    if (build.placement === 'controller') {
      ctx.log.info({ build: build.id }, 'resuming coordinator after restart');
      startCoordinator(ctx, build.id);
      continue;
    }
    const jobs = await ctx.store.listJobs(build.id);
    const last = jobs.at(-1);
    if (last?.status === 'done')
      await finishBuild(ctx, build.id, last.result ?? 'FAILURE', last.note);
  }
}
