/**
 * `lock()` requests of agents' jobs. An acquire is never awaited in the
 * agent's message stream (a job waiting for a lock must not hold up the
 * chunks and `job.done` of the job that holds it); the grant goes to the
 * agent's link of the moment it is granted. A grant that finds the agent
 * disconnected is not lost: the lock stays with its request, and the agent
 * sends its waiting requests again after the next `welcome`, which the
 * controller answers at once (see locks.ts).
 */
import type { AgentMessage } from '../../protocol/messages.ts';
import type { JobRecord } from '../store/records.ts';
import type { SchedulerContext } from './context.ts';

type Hello = Extract<AgentMessage, { type: 'hello' }>;

/** Every lock and wait of a job starts with this. */
export const jobLockPrefix = (job: Pick<JobRecord, 'buildId' | 'id'>): string =>
  `${job.buildId}:${job.id}#`;

const active = (job: JobRecord | undefined, agentId: string): job is JobRecord =>
  job !== undefined &&
  job.agentId === agentId &&
  (job.status === 'assigned' || job.status === 'running');

export async function onLockAcquire(
  ctx: SchedulerContext,
  agentId: string,
  msg: Extract<AgentMessage, { type: 'lock.acquire' }>,
): Promise<void> {
  const job = await ctx.store.getJob(msg.jobId);
  if (!active(job, agentId)) return;
  ctx.locks.acquire(msg.resource, jobLockPrefix(job) + msg.requestId).then(
    () => ctx.fleet.get(agentId)?.link?.send({ type: 'lock.granted', requestId: msg.requestId }),
    // Dropped: released while waiting, or its job ended. Nothing to tell.
    () => undefined,
  );
}

export async function onLockRelease(
  ctx: SchedulerContext,
  agentId: string,
  msg: Extract<AgentMessage, { type: 'lock.release' }>,
): Promise<void> {
  const job = await ctx.store.getJob(msg.jobId);
  if (job?.agentId !== agentId) return;
  if (msg.requestId !== undefined) {
    await ctx.locks.release(msg.resource, jobLockPrefix(job) + msg.requestId);
    return;
  }
  const prefix = jobLockPrefix(job);
  for (const l of await ctx.store.listLocks())
    if (l.resource === msg.resource && l.holder.startsWith(prefix))
      await ctx.locks.release(l.resource, l.holder);
}

/** On `hello`: frees locks of a kept job that the agent no longer holds or waits for. */
export async function reconcileLocks(
  ctx: SchedulerContext,
  job: JobRecord,
  hello: Hello,
): Promise<void> {
  if (hello.locks === undefined) return;
  const prefix = jobLockPrefix(job);
  const known = new Set(
    hello.locks.filter((l) => l.jobId === job.id).map((l) => prefix + l.requestId),
  );
  for (const l of await ctx.store.listLocks())
    if (l.holder.startsWith(prefix) && !known.has(l.holder))
      await ctx.locks.release(l.resource, l.holder);
}
