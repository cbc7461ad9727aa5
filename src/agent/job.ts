/**
 * One job on this agent: checkout, run, ship events. Events are batched
 * into numbered chunks (every 20 ms or 256 KiB), spooled to disk, then
 * sent; the spool resends whatever the controller has not acked.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { BuildResult } from '../pipeline/model/pipeline.ts';
import type { AgentMessage, JobAssignment } from '../protocol/messages.ts';
import type { LockProvider } from '../runner/api.ts';
import type { BuildEvent } from '../runner/events.ts';
import { checkout } from './checkout.ts';
import type { JobRunner } from './job-runner.ts';
import { artifactsFor, credentialsFor, Masker, stashesFor, testResultsFor } from './services.ts';
import { JobSpool } from './spool.ts';

const FLUSH_MS = 20;
const FLUSH_BYTES = 256 * 1024;

export interface JobHost {
  dataDir: string;
  server: string;
  token: string;
  runner: JobRunner;
  locks: { forJob(jobId: string): LockProvider };
  send(message: AgentMessage): boolean;
  log: Logger;
}

export class AgentJob {
  readonly spool: JobSpool;
  result: BuildResult | null = null;
  error: string | undefined;
  private readonly abort = new AbortController();
  private readonly masker = new Masker();
  private batch: BuildEvent[] = [];
  private batchBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private ackedAtLastNudge = -1;
  readonly finished: Promise<void>;

  constructor(
    readonly assignment: JobAssignment,
    private readonly host: JobHost,
  ) {
    this.spool = new JobSpool(join(host.dataDir, 'spool'), assignment.jobId);
    // Secrets the controller's side fetched reach us as plain variables: mask them too.
    const scope = assignment.scope;
    for (const name of scope?.secretEnv ?? []) {
      const value = scope?.inheritedEnv[name];
      if (value !== undefined) this.masker.add(value);
    }
    this.finished = this.run();
  }

  get id(): string {
    return this.assignment.jobId;
  }

  cancel(reason: string): void {
    this.system(`Stopping: ${reason}.`);
    this.abort.abort();
  }

  /** After a reconnect: drop what the controller has, send the rest, then `done` if ended. */
  resend(ackedSeq: number): void {
    this.spool.ack(ackedSeq);
    for (const chunk of this.spool.unacked()) {
      this.host.send({ type: 'job.chunk', jobId: this.id, seq: chunk.seq, events: chunk.events });
    }
    this.sendDone();
  }

  /**
   * Called every heartbeat: when the controller acked nothing since the last
   * one although chunks (or `job.done`) are outstanding, send them again. A
   * message lost without a disconnect cannot hold a job up; the controller
   * drops what it already has.
   */
  nudge(): void {
    const outstanding = this.spool.acked < this.spool.lastSeq || this.result !== null;
    if (outstanding && this.spool.acked === this.ackedAtLastNudge) this.resend(this.spool.acked);
    this.ackedAtLastNudge = this.spool.acked;
  }

  sendDone(): void {
    if (this.result === null) return;
    const done: AgentMessage = {
      type: 'job.done',
      jobId: this.id,
      result: this.result,
      lastChunkSeq: this.spool.lastSeq,
    };
    if (this.error !== undefined) done.error = this.error;
    this.host.send(done);
  }

  cleanup(): void {
    this.spool.remove();
    rmSync(this.workspace, { recursive: true, force: true });
  }

  private get workspace(): string {
    return join(this.host.dataDir, 'workspaces', this.id);
  }

  private async run(): Promise<void> {
    const a = this.assignment;
    this.host.send({ type: 'job.started', jobId: a.jobId });
    const target = { server: this.host.server, token: this.host.token, jobId: a.jobId };
    try {
      const { commit } = await checkout({
        dataDir: this.host.dataDir,
        repoUrl: a.repo.url,
        commit: a.repo.commit,
        ref: a.repo.ref,
        workspace: this.workspace,
      });
      this.system(`Checked out ${commit.slice(0, 12)} into ${this.workspace}.`);
      const { result } = await this.host.runner({
        assignment: a,
        workspace: this.workspace,
        onEvent: (e) => this.onEvent(e),
        signal: this.abort.signal,
        credentials: credentialsFor(target, a.credentialsAllowed, (s) => this.masker.add(s)),
        artifacts: artifactsFor(target),
        testResults: testResultsFor(target),
        stashes: stashesFor(target),
        locks: this.host.locks.forJob(a.jobId),
      });
      this.result = this.abort.signal.aborted && result === 'SUCCESS' ? 'ABORTED' : result;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      this.system(`Job failed before or outside the pipeline: ${this.error}`);
      this.result = this.abort.signal.aborted ? 'ABORTED' : 'FAILURE';
    }
    this.flush();
    this.sendDone();
  }

  private system(text: string): void {
    this.onEvent({
      type: 'log',
      at: Date.now(),
      stage: null,
      stepId: null,
      stream: 'system',
      text: `[agent] ${text}`,
    });
  }

  private onEvent(e: BuildEvent): void {
    const event = e.type === 'log' ? { ...e, text: this.masker.mask(e.text) } : e;
    this.batch.push(event);
    this.batchBytes += e.type === 'log' ? e.text.length : 64;
    if (this.batchBytes >= FLUSH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.batch.length === 0) return;
    const chunk = this.spool.write(this.batch);
    this.batch = [];
    this.batchBytes = 0;
    this.host.send({ type: 'job.chunk', jobId: this.id, seq: chunk.seq, events: chunk.events });
  }
}
