/**
 * The scheduler's face: agent handlers for the hub, and the operations the
 * API needs (queue a build, cancel, rebuild). Recovery after a restart lives
 * in recovery.ts.
 */
import type { AgentHandlers } from '../hub/connection.ts';
import type { BuildRecord, NewBuild } from '../store/records.ts';
import { onAgentConnected, onAgentDisconnected } from './agent-sessions.ts';
import { onAgentMessage } from './agent-messages.ts';
import { advanceQueue, cancelBuild, finishOnJobEnd } from './builds.ts';
import type { SchedulerContext } from './context.ts';
import { createKicker, dispatchPass } from './dispatch.ts';
import { recover } from './recovery.ts';
import { systemLine } from './system-log.ts';

export class Scheduler {
  readonly handlers: AgentHandlers;

  constructor(readonly ctx: SchedulerContext) {
    const kick = createKicker(
      async () => {
        await advanceQueue(ctx);
        await dispatchPass(ctx);
      },
      (err) => ctx.log.error({ err }, 'scheduling pass failed'),
    );
    ctx.kick = kick;
    finishOnJobEnd(ctx);
    this.handlers = {
      connected: (hello, link) => onAgentConnected(ctx, hello, link),
      message: (agentId, message) => onAgentMessage(ctx, agentId, message),
      disconnected: (agentId, link) => onAgentDisconnected(ctx, agentId, link),
    };
  }

  async start(): Promise<void> {
    await recover(this.ctx);
    this.ctx.kick();
  }

  async enqueue(build: NewBuild, why: string): Promise<BuildRecord> {
    const record = await this.ctx.store.createBuild(build);
    await systemLine(this.ctx, record.id, `Queued: ${why}.`);
    this.ctx.bus.publish({ kind: 'queue' });
    this.ctx.kick();
    return record;
  }

  cancel(buildId: string, by: string): Promise<BuildRecord | undefined> {
    return cancelBuild(this.ctx, buildId, by);
  }

  stop(): void {
    this.ctx.fleet.clearTimers();
    for (const c of this.ctx.coordinators.values()) void c;
  }
}
