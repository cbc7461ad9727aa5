/**
 * Agents arriving and leaving. On `hello` we tell the agent which of the
 * jobs it holds are still its own (and from which chunk to resend); on
 * disconnect its reconnect window starts, after which its jobs are lost.
 */
import type { Hello, Welcome } from '../hub/connection.ts';
import type { AgentLink } from '../hub/connection.ts';
import type { JobRecord } from '../store/records.ts';
import { newId } from '../ids.ts';
import type { SchedulerContext } from './context.ts';
import { agentGone, loseJob } from './job-end.ts';
import { reconcileLocks } from './lock-requests.ts';

export async function onAgentConnected(
  ctx: SchedulerContext,
  hello: Hello,
  link: AgentLink,
): Promise<Welcome> {
  const known = await ctx.store.getAgentByName(hello.name);
  const id = known?.id ?? newId('a');
  const now = Date.now();
  const status = hello.quarantine ? 'quarantined' : hello.draining ? 'draining' : 'online';
  await ctx.store.upsertAgent({
    id,
    name: hello.name,
    labels: hello.labels,
    executors: hello.executors,
    facts: { ...hello.facts, executorKinds: hello.executorKinds.join(',') },
    status,
    statusReason: hello.quarantine?.reason ?? null,
    lastSeen: now,
    connectedAt: now,
  });
  ctx.fleet.connect(id, hello, link);
  const jobs: Welcome['jobs'] = [];
  for (const held of hello.jobs) {
    const job = await ctx.store.getJob(held.jobId);
    const keep =
      job !== undefined &&
      job.agentId === id &&
      (job.status === 'assigned' || job.status === 'running');
    if (keep) await resumeJob(ctx, job, hello, link);
    jobs.push({ jobId: held.jobId, ackedSeq: job?.lastChunkSeq ?? 0, keep });
  }
  await forgetJobsTheAgentLost(ctx, id, hello);
  ctx.log.info({ agent: hello.name, labels: hello.labels, jobs: jobs.length }, 'agent connected');
  ctx.bus.publish({ kind: 'agents' });
  setImmediate(() => ctx.kick());
  return {
    type: 'welcome',
    agentId: id,
    heartbeatMs: ctx.config.heartbeatMs,
    reconnectWindowMs: ctx.config.reconnectWindowMs,
    jobs,
  };
}

/**
 * A job the agent still runs after a reconnect. What may have been lost
 * while it was away is settled here: its `job.started` (it is running), a
 * cancel (sent again), a `lock.release` (locks it no longer lists are freed).
 */
async function resumeJob(
  ctx: SchedulerContext,
  job: JobRecord,
  hello: Hello,
  link: AgentLink,
): Promise<void> {
  ctx.fleet.get(job.agentId ?? '')?.jobs.add(job.id);
  if (job.status === 'assigned')
    await ctx.store.updateJob(job.id, { status: 'running', startedAt: Date.now() });
  await reconcileLocks(ctx, job, hello);
  const build = await ctx.store.getBuild(job.buildId);
  if (build?.cancelRequested)
    link.send({ type: 'job.cancel', jobId: job.id, reason: 'the build was cancelled' });
}

/** Jobs the store gives this agent that it no longer has (it restarted): assigned ones go back to the queue. */
async function forgetJobsTheAgentLost(
  ctx: SchedulerContext,
  agentId: string,
  hello: Hello,
): Promise<void> {
  const held = new Set(hello.jobs.map((j) => j.jobId));
  const mine = (await ctx.store.jobsWithStatus(['assigned', 'running'])).filter(
    (j) => j.agentId === agentId && !held.has(j.id),
  );
  for (const job of mine) {
    ctx.fleet.release(agentId, job.id);
    if (job.status === 'assigned')
      await ctx.store.updateJob(job.id, { status: 'queued', agentId: null });
    else await loseJob(ctx, job, hello.name, 'the agent restarted and no longer has the job');
  }
}

export function onAgentDisconnected(ctx: SchedulerContext, agentId: string, link: AgentLink): void {
  const agent = ctx.fleet.get(agentId);
  if (!agent || agent.link !== link || ctx.stopping) return;
  agent.link = null;
  ctx.log.warn({ agent: agent.name, jobs: agent.jobs.size }, 'agent disconnected');
  void ctx.store.updateAgent(agentId, {
    status: 'offline',
    lastSeen: Date.now(),
    connectedAt: null,
  });
  ctx.bus.publish({ kind: 'agents' });
  startLossTimer(ctx, agentId);
}

export function startLossTimer(ctx: SchedulerContext, agentId: string): void {
  const agent = ctx.fleet.get(agentId);
  if (!agent) return;
  if (agent.lossTimer) clearTimeout(agent.lossTimer);
  agent.lossTimer = setTimeout(() => {
    if (agent.link !== null) return;
    void agentGone(ctx, agentId).catch((err: unknown) =>
      ctx.log.error({ err }, 'agent loss handling failed'),
    );
  }, ctx.config.reconnectWindowMs);
}
