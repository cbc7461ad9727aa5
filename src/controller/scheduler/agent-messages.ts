/** What the scheduler does with each message an agent sends after `hello`. */
import type { AgentMessage } from '../../protocol/messages.ts';
import type { AgentLink } from '../hub/connection.ts';
import type { SchedulerContext } from './context.ts';
import { applyJobChunk } from './ingest.ts';
import { onLockAcquire, onLockRelease } from './lock-requests.ts';
import { endJob } from './job-end.ts';
import { systemLine } from './system-log.ts';

export async function onAgentMessage(
  ctx: SchedulerContext,
  agentId: string,
  msg: AgentMessage,
  from: AgentLink,
): Promise<void> {
  const agent = ctx.fleet.get(agentId);
  const link = agent?.link;
  // A message still queued from a previous connection: the agent sends it again on the new one.
  if (!agent || !link || link !== from || ctx.stopping) return;
  switch (msg.type) {
    case 'hello':
    case 'ping':
    case 'pong':
      return;
    case 'job.started': {
      const job = await ctx.store.getJob(msg.jobId);
      if (job?.agentId !== agentId || job.status !== 'assigned') return;
      await ctx.store.updateJob(job.id, { status: 'running', startedAt: Date.now() });
      const where = job.unitPath === null ? '' : ` for stage ${job.unitPath}`;
      await systemLine(
        ctx,
        job.buildId,
        `Running on ${agent.name}${where} (attempt ${job.attempt}).`,
      );
      return;
    }
    case 'job.chunk': {
      const r = await applyJobChunk(ctx, agentId, msg.jobId, msg.seq, msg.events);
      if (r.status === 'applied' || r.status === 'duplicate')
        link.send({ type: 'chunk.ack', jobId: msg.jobId, seq: r.ackedSeq });
      else if (r.status === 'gap')
        ctx.log.warn({ job: msg.jobId, seq: msg.seq }, 'chunk after a gap; waiting for the resend');
      return;
    }
    case 'job.done': {
      const job = await ctx.store.getJob(msg.jobId);
      if (!job || job.agentId !== agentId)
        return link.send({ type: 'job.done.ack', jobId: msg.jobId });
      // Not every chunk is here yet: the agent resends them, then `job.done` again.
      if (job.lastChunkSeq < msg.lastChunkSeq) return;
      if (job.status === 'assigned' || job.status === 'running') {
        if (msg.error)
          await systemLine(ctx, job.buildId, `Job failed on ${agent.name}: ${msg.error}`);
        await endJob(ctx, job, msg.result, msg.error ?? null);
      }
      link.send({ type: 'job.done.ack', jobId: job.id });
      return;
    }
    case 'job.refused': {
      const job = await ctx.store.getJob(msg.jobId);
      if (job?.agentId !== agentId || job.status !== 'assigned') return;
      ctx.fleet.release(agentId, job.id);
      await ctx.store.updateJob(job.id, {
        status: 'queued',
        agentId: null,
        waitReason: `refused by ${agent.name}: ${msg.reason}`,
      });
      ctx.kick();
      return;
    }
    case 'lock.acquire':
      return onLockAcquire(ctx, agentId, msg);
    case 'lock.release':
      return onLockRelease(ctx, agentId, msg);
    case 'status': {
      agent.draining = msg.draining;
      agent.quarantine = msg.quarantine?.reason ?? null;
      await ctx.store.updateAgent(agentId, {
        status: agent.quarantine ? 'quarantined' : agent.draining ? 'draining' : 'online',
        statusReason: agent.quarantine,
      });
      ctx.bus.publish({ kind: 'agents' });
      ctx.kick();
      return;
    }
  }
}
