/**
 * An agent that speaks the protocol by hand, for tests of the controller's
 * side of it: the test decides what to send and when to drop the socket.
 */
import WebSocket from 'ws';
import type { AgentMessage, ControllerMessage } from '../../../src/protocol/messages.ts';
import { AGENT_CONNECT_PATH, PROTOCOL_VERSION } from '../../../src/protocol/messages.ts';

type Hello = Extract<AgentMessage, { type: 'hello' }>;
type Of<T extends ControllerMessage['type']> = Extract<ControllerMessage, { type: T }>;

export class RawAgent {
  private ws: WebSocket | null = null;
  private inbox: ControllerMessage[] = [];
  private waiters: Array<() => void> = [];

  constructor(
    private readonly server: string,
    private readonly token: string,
    readonly name: string,
    private readonly labels: string[] = [],
  ) {}

  /** Connects and says hello; resolves with the welcome. */
  async connect(extra: Partial<Hello> = {}): Promise<Of<'welcome'>> {
    this.inbox = [];
    const url = new URL(AGENT_CONNECT_PATH, this.server.replace(/^http/, 'ws'));
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${this.token}` } });
    this.ws = ws;
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString('utf8')) as ControllerMessage;
      if (m.type === 'ping') return this.send({ type: 'pong', at: m.at });
      this.inbox.push(m);
      for (const w of this.waiters.splice(0)) w();
    });
    await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
    this.send({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      name: this.name,
      labels: this.labels,
      executors: 2,
      executorKinds: ['host'],
      facts: {},
      draining: false,
      quarantine: null,
      jobs: [],
      ...extra,
    });
    return this.next('welcome');
  }

  send(m: AgentMessage): void {
    this.ws?.send(JSON.stringify(m));
  }

  /** The next message of this type (earlier ones of other types stay in the inbox). */
  async next<T extends ControllerMessage['type']>(
    type: T,
    match: (m: Of<T>) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<Of<T>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type && match(m as Of<T>));
      if (i !== -1) return this.inbox.splice(i, 1)[0] as Of<T>;
      const left = until - Date.now();
      if (left <= 0) throw new Error(`${this.name}: no ${type} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  /** True when a message of this type arrives within `ms`. */
  async gets(type: ControllerMessage['type'], ms: number): Promise<boolean> {
    return this.next(type, () => true, ms).then(
      () => true,
      () => false,
    );
  }

  async disconnect(): Promise<void> {
    const ws = this.ws;
    this.ws = null;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.terminate();
    });
  }
}
