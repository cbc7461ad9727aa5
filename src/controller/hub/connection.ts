/**
 * One agent's WebSocket: waits for `hello`, then routes messages to the
 * scheduler's handlers. Heartbeats both ways: we ping every `heartbeatMs`;
 * silence for three heartbeats closes the socket (the agent then counts as
 * disconnected and its reconnect window starts).
 */
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { agentMessage, parseFrame } from '../../protocol/messages.ts';
import type { AgentMessage, ControllerMessage } from '../../protocol/messages.ts';

export type Hello = Extract<AgentMessage, { type: 'hello' }>;
export type Welcome = Extract<ControllerMessage, { type: 'welcome' }>;

export interface AgentLink {
  send(message: ControllerMessage): void;
  close(code: number, reason: string): void;
}

export interface AgentHandlers {
  connected(hello: Hello, link: AgentLink): Promise<Welcome | { refuse: string }>;
  /** `from` is the link the message came on (the agent may have reconnected since). */
  message(agentId: string, message: AgentMessage, from: AgentLink): Promise<void>;
  disconnected(agentId: string, link: AgentLink): void;
}

const HELLO_TIMEOUT_MS = 10_000;

export class AgentConnection implements AgentLink {
  private agentId: string | null = null;
  private lastHeard = Date.now();
  private readonly timer: NodeJS.Timeout;
  /** Messages are handled one at a time, in order: chunk order matters. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    private readonly handlers: AgentHandlers,
    private readonly heartbeatMs: number,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => this.beat(), heartbeatMs);
    const helloTimer = setTimeout(() => {
      if (this.agentId === null) this.close(4000, 'no hello');
    }, HELLO_TIMEOUT_MS);
    ws.on('message', (data: Buffer) => {
      this.lastHeard = Date.now();
      const text = data.toString('utf8');
      this.queue = this.queue
        .then(() => this.receive(text))
        .catch((err: unknown) => {
          this.log.error({ err, agent: this.agentId }, 'agent message failed');
        });
    });
    ws.on('close', () => {
      clearInterval(this.timer);
      clearTimeout(helloTimer);
      if (this.agentId !== null) this.handlers.disconnected(this.agentId, this);
    });
    ws.on('error', (err) => this.log.warn({ err, agent: this.agentId }, 'agent socket error'));
  }

  send(message: ControllerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  /** Resolves once every message received so far has been handled. */
  async handled(): Promise<void> {
    await this.queue;
  }

  private beat(): void {
    if (Date.now() - this.lastHeard > this.heartbeatMs * 3) {
      this.log.warn({ agent: this.agentId }, 'agent silent for three heartbeats; closing');
      this.ws.terminate();
      return;
    }
    this.send({ type: 'ping', at: Date.now() });
  }

  private async receive(text: string): Promise<void> {
    const parsed = parseFrame(agentMessage, text);
    if (!parsed.ok) {
      this.send({ type: 'error', message: `bad message: ${parsed.error}` });
      return;
    }
    const msg = parsed.message;
    if (msg.type === 'ping') return this.send({ type: 'pong', at: msg.at });
    if (msg.type === 'pong') return;
    if (this.agentId === null) return this.greet(msg);
    await this.handlers.message(this.agentId, msg, this);
  }

  private async greet(msg: AgentMessage): Promise<void> {
    if (msg.type !== 'hello') return this.close(4001, 'hello expected first');
    const answer = await this.handlers.connected(msg, this);
    if ('refuse' in answer) {
      this.send({ type: 'error', message: answer.refuse });
      return this.close(4003, answer.refuse.slice(0, 120));
    }
    this.agentId = answer.agentId;
    this.send(answer);
  }
}
