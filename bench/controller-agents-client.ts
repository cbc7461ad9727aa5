/**
 * The light client of bench/controller-agents.ts: N idle agents in one
 * process, each its own WebSocket that says hello and answers pings.
 *
 *   node --import tsx bench/controller-agents-client.ts URL TOKEN N
 *
 * Prints `welcomed N` once every agent got its welcome, then idles until
 * killed.
 */
import WebSocket from 'ws';
import { AGENT_CONNECT_PATH, PROTOCOL_VERSION } from '../src/protocol/messages.ts';
import type { AgentMessage, ControllerMessage } from '../src/protocol/messages.ts';

const [server = '', token = '', count = '1000'] = process.argv.slice(2);
const N = Number(count);
const url = new URL(AGENT_CONNECT_PATH, server.replace(/^http/, 'ws'));

function idleAgent(i: number): Promise<WebSocket> {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  const send = (m: AgentMessage): void => ws.send(JSON.stringify(m));
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      send({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        name: `idle-${String(i).padStart(4, '0')}`,
        labels: ['idle', `shard-${i % 10}`],
        executors: 1,
        executorKinds: ['host'],
        facts: { cores: '2', kernel: '6.1.0', cpu: 'bench' },
        draining: false,
        quarantine: null,
        jobs: [],
      }),
    );
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as ControllerMessage;
      if (m.type === 'ping') send({ type: 'pong', at: m.at });
      if (m.type === 'welcome') resolve(ws);
    });
  });
}

// A few at a time, as agents coming up over a while would: the point is the idle cost.
const sockets: WebSocket[] = [];
for (let i = 0; i < N; i += 50) {
  const batch = Array.from({ length: Math.min(50, N - i) }, (_, k) => idleAgent(i + k));
  sockets.push(...(await Promise.all(batch)));
}
process.stdout.write(`welcomed ${sockets.length}\n`);
setInterval(() => undefined, 1 << 30);
