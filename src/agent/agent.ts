/**
 * `rig agent`: connects out to the controller (so it works behind NAT),
 * says hello with labels, capacity and host facts, and runs the jobs the
 * controller pushes. Reconnects on its own; jobs keep running meanwhile and
 * their chunks wait on disk. `drain()` (SIGTERM) finishes running jobs and
 * takes no new ones.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import {
  AGENT_CONNECT_PATH,
  PROTOCOL_VERSION,
  controllerMessage,
  parseFrame,
} from '../protocol/messages.ts';
import type { AgentMessage, ControllerMessage, JobAssignment } from '../protocol/messages.ts';
import { hostFacts } from './facts.ts';
import { AgentLocks } from './locks.ts';
import { AgentJob } from './job.ts';
import type { JobHost } from './job.ts';
import type { JobRunner } from './job-runner.ts';

export interface AgentOptions {
  server: string;
  token: string;
  name: string;
  labels: string[];
  executors: number;
  executorKinds: string[];
  dataDir: string;
  runner: JobRunner;
  log: Logger;
  /** Extra facts (executor probes). */
  facts?: Record<string, string>;
  /** Why this host takes no jobs (see quarantine.ts), or null. */
  quarantine?: () => string | null;
  /** The controller relays an admin's "the host is clean". */
  clearQuarantine?: (by: string) => void;
}

export class RigAgent {
  private ws: WebSocket | null = null;
  private readonly jobs = new Map<string, AgentJob>();
  private draining = false;
  private stopped = false;
  private backoffMs = 100;
  private heartbeat: NodeJS.Timeout | null = null;
  private lastHeard = 0;
  private heartbeatMs = 5000;
  private readonly locks = new AgentLocks((m) => this.send(m));
  /** True once `welcome` came on the current connection: before that, only hello and pings go out. */
  private ready = false;
  private idle: (() => void) | null = null;

  constructor(private readonly opts: AgentOptions) {
    // Spools of a previous process belong to jobs the controller has already given away.
    rmSync(join(opts.dataDir, 'spool'), { recursive: true, force: true });
    mkdirSync(opts.dataDir, { recursive: true });
  }

  start(): void {
    this.connect();
  }

  /** Finish running jobs, take no new ones; resolves when idle. */
  drain(): Promise<void> {
    this.draining = true;
    this.sendStatus();
    if (this.jobs.size === 0) return Promise.resolve();
    return new Promise((resolve) => (this.idle = resolve));
  }

  stop(): void {
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.ws?.close(1000, 'agent stopping');
  }

  private connect(): void {
    if (this.stopped) return;
    const url = new URL(AGENT_CONNECT_PATH, this.opts.server.replace(/^http/, 'ws'));
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${this.opts.token}` } });
    this.ws = ws;
    ws.on('open', () => {
      this.backoffMs = 100;
      this.lastHeard = Date.now();
      this.ready = false;
      this.send(this.hello());
    });
    ws.on('message', (data: Buffer) => {
      this.lastHeard = Date.now();
      const parsed = parseFrame(controllerMessage, data.toString('utf8'));
      if (parsed.ok) this.handle(parsed.message);
      else this.opts.log.warn({ error: parsed.error }, 'bad message from controller');
    });
    ws.on('close', (code, reason) => {
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.ws = null;
      this.ready = false;
      if (this.stopped) return;
      this.opts.log.warn({ code, reason: reason.toString() }, 'disconnected; reconnecting');
      setTimeout(() => this.connect(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, 2000);
    });
    ws.on('error', (err) => this.opts.log.debug({ err }, 'socket error'));
  }

  private hello(): AgentMessage {
    const q = this.opts.quarantine?.() ?? null;
    return {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      name: this.opts.name,
      labels: this.opts.labels,
      executors: this.opts.executors,
      executorKinds: this.opts.executorKinds,
      facts: { ...hostFacts(), ...this.opts.facts },
      draining: this.draining,
      quarantine: q === null ? null : { reason: q },
      jobs: [...this.jobs.values()].map((j) => ({
        jobId: j.id,
        lastChunkSeq: j.spool.lastSeq,
        ...(j.result !== null ? { result: j.result } : {}),
      })),
      locks: this.locks.state(),
    };
  }

  private send(message: AgentMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    // Before `welcome` the controller does not know what we hold: a chunk sent now could
    // overtake the resend of earlier ones. Everything else goes out after `welcome`.
    const early = message.type === 'hello' || message.type === 'ping' || message.type === 'pong';
    if (!this.ready && !early) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  /** Tell the controller now that draining or quarantine changed. */
  statusChanged(): void {
    this.sendStatus();
  }

  private sendStatus(): void {
    const q = this.opts.quarantine?.() ?? null;
    this.send({
      type: 'status',
      draining: this.draining,
      quarantine: q === null ? null : { reason: q },
    });
  }

  private handle(m: ControllerMessage): void {
    switch (m.type) {
      case 'welcome':
        return this.welcome(m);
      case 'ping':
        this.send({ type: 'pong', at: m.at });
        return;
      case 'pong':
      case 'error':
        if (m.type === 'error') this.opts.log.error({ message: m.message }, 'controller error');
        return;
      case 'job.assign':
        return this.assign(m.job);
      case 'chunk.ack':
        this.jobs.get(m.jobId)?.spool.ack(m.seq);
        return;
      case 'job.done.ack':
        return this.forget(m.jobId);
      case 'job.cancel':
        this.jobs.get(m.jobId)?.cancel(m.reason);
        return;
      case 'lock.granted':
        this.locks.granted(m.requestId);
        return;
      case 'quarantine.clear':
        this.opts.clearQuarantine?.(m.by);
        return;
    }
  }

  private welcome(m: Extract<ControllerMessage, { type: 'welcome' }>): void {
    this.heartbeatMs = m.heartbeatMs;
    this.ready = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    for (const w of m.jobs) {
      const job = this.jobs.get(w.jobId);
      if (!job) continue;
      if (w.keep) job.resend(w.ackedSeq);
      else {
        // The controller gave this job to another agent while we were away: stop and clean up.
        job.cancel('the controller lost contact and gave this job to another agent');
        void job.finished.then(() => this.forget(job.id));
      }
    }
    this.locks.resendWaiting();
    this.opts.log.info({ agentId: m.agentId }, 'connected');
  }

  private beat(): void {
    if (Date.now() - this.lastHeard > this.heartbeatMs * 3) {
      this.opts.log.warn('controller silent for three heartbeats; reconnecting');
      this.ws?.terminate();
      return;
    }
    this.send({ type: 'ping', at: Date.now() });
    if (this.ready) for (const job of this.jobs.values()) job.nudge();
  }

  private assign(job: JobAssignment): void {
    if (this.jobs.has(job.jobId)) return;
    const quarantine = this.opts.quarantine?.() ?? null;
    if (this.draining || this.jobs.size >= this.opts.executors || quarantine !== null) {
      this.send({
        type: 'job.refused',
        jobId: job.jobId,
        reason: this.draining
          ? 'draining'
          : quarantine !== null
            ? `quarantined: ${quarantine}`
            : 'no free executor',
      });
      return;
    }
    this.jobs.set(job.jobId, new AgentJob(job, this.host()));
  }

  private forget(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    this.jobs.delete(jobId);
    this.locks.forgetJob(jobId);
    job.cleanup();
    if (this.jobs.size === 0) this.idle?.();
  }

  private host(): JobHost {
    return {
      dataDir: this.opts.dataDir,
      server: this.opts.server,
      token: this.opts.token,
      runner: this.opts.runner,
      locks: this.locks,
      send: (m) => this.send(m),
      log: this.opts.log,
    };
  }
}
