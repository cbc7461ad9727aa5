/**
 * The scheduler's face: agent handlers for the hub, and the operations the
 * API needs (queue a build, cancel, rebuild). Recovery after a restart lives
 * in recovery.ts.
 */
import type { AgentHandlers } from '../hub/connection.ts';
import type { BuildRecord, NewBuild, ProjectRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { onAgentConnected, onAgentDisconnected } from './agent-sessions.ts';
import { onAgentMessage } from './agent-messages.ts';
import { advanceQueue, cancelBuild, finishOnJobEnd } from './builds.ts';
import type { SchedulerContext } from './context.ts';
import { createKicker, dispatchPass } from './dispatch.ts';
import type { Kicker } from './dispatch.ts';
import { readProjectTriggers } from './project-triggers.ts';
import { recover } from './recovery.ts';
import { systemLine } from './system-log.ts';

export class Scheduler {
  readonly handlers: AgentHandlers;
  private readonly kicker: Kicker;

  constructor(readonly ctx: SchedulerContext) {
    this.kicker = createKicker(
      async () => {
        await advanceQueue(ctx);
        await dispatchPass(ctx);
      },
      (err) => ctx.log.error({ err }, 'scheduling pass failed'),
    );
    ctx.kick = () => this.kicker.kick();
    finishOnJobEnd(ctx);
    this.handlers = {
      connected: (hello, link) => onAgentConnected(ctx, hello, link),
      message: (agentId, message, from) => onAgentMessage(ctx, agentId, message, from),
      disconnected: (agentId, link) => onAgentDisconnected(ctx, agentId, link),
    };
  }

  async start(): Promise<void> {
    await recover(this.ctx);
    this.ctx.kick();
  }

  async enqueue(build: NewBuild, why: string): Promise<BuildRecord> {
    return (await this.enqueueIf(() => Promise.resolve(true), build, why)) as BuildRecord;
  }

  /**
   * Queues the build only when `claim` succeeds, in the same transaction as
   * the build (a webhook delivery id: recorded and built together, or not at
   * all, so a crash between can neither lose nor double a build).
   */
  async enqueueIf(
    claim: (tx: Store) => Promise<boolean>,
    build: NewBuild,
    why: string,
    after?: (tx: Store, record: BuildRecord) => Promise<void>,
  ): Promise<BuildRecord | null> {
    const record = await this.ctx.store.atomically(async (tx) => {
      if (!(await claim(tx))) return null;
      const made = await tx.createBuild(build);
      await after?.(tx, made);
      return made;
    });
    if (!record) return null;
    await systemLine(this.ctx, record.id, `Queued: ${why}.`);
    this.ctx.bus.publish({ kind: 'queue' });
    this.ctx.kick();
    return record;
  }

  /** After a project was added or changed (API, rig.server.yaml). */
  refreshTriggers(project: ProjectRecord): Promise<void> {
    return readProjectTriggers(this.ctx, project);
  }

  cancel(buildId: string, by: string): Promise<BuildRecord | undefined> {
    return cancelBuild(this.ctx, buildId, by);
  }

  /** Shutdown begins: agents that leave now are not counted as lost (the next controller decides). */
  stopping(): void {
    this.ctx.stopping = true;
  }

  /** Stops scheduling (shutdown): no new pass, coordinators left for the next controller. */
  async stop(): Promise<void> {
    this.ctx.fleet.clearTimers();
    await this.kicker.stop();
  }
}
