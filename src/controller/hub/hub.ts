/**
 * The agents' door: WebSocket upgrades on `/api/agent/connect` (ws with
 * `noServer`, so the HTTP server stays ours), authenticated by an agent token
 * in the upgrade request. Each connection becomes an `AgentConnection`.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { AGENT_CONNECT_PATH } from '../../protocol/messages.ts';
import { AgentConnection } from './connection.ts';
import type { AgentHandlers } from './connection.ts';

export interface HubOptions {
  authenticate: (token: string) => Promise<boolean>;
  handlers: AgentHandlers;
  heartbeatMs: number;
  log: Logger;
}

export class AgentHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  private readonly connections = new Set<AgentConnection>();

  constructor(private readonly opts: HubOptions) {}

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      void this.upgrade(req, socket, head);
    });
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== AGENT_CONNECT_PATH) return refuse(socket, 404, 'Not Found');
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token === undefined || !(await this.opts.authenticate(token))) {
      return refuse(socket, 401, 'Unauthorized');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new AgentConnection(
        ws,
        this.opts.handlers,
        this.opts.heartbeatMs,
        this.opts.log,
      );
      this.connections.add(conn);
      ws.on('close', () => this.connections.delete(conn));
    });
  }

  /**
   * Closes every agent connection (controller shutdown; agents reconnect to
   * the next controller) and resolves once their messages are handled.
   */
  async close(): Promise<void> {
    const open = [...this.connections];
    for (const c of open) c.close(1012, 'controller restarting');
    this.wss.close();
    await Promise.all(open.map((c) => c.handled()));
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
