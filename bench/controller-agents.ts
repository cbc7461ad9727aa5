/**
 * 1,000 idle connected agents (issue 4 goal: controller RSS ≤ 150 MB). A real
 * `rig serve --no-local-agent` from the built CLI (`npm run build` first); the
 * agents are light clients speaking the protocol over WebSocket, all in one
 * separate process (bench/controller-agents-client.ts).
 *
 *   node --import tsx bench/controller-agents.ts [agents]
 *
 * Reported: controller RSS with no agent (the baseline, same run), then with
 * every agent welcomed, sampled over two heartbeat periods (5 s each); the
 * time to welcome them all; `GET /api/agents` with all of them listed; and
 * the client process's RSS for scale.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { figures, show } from './stats.ts';
import {
  lineMatching,
  load,
  rssMB,
  startServe,
  stopProcess,
  tempDir,
  wallMs,
} from './controller-support.ts';

const AGENTS = Number(process.argv[2] ?? 1000);
const CLIENT = join(import.meta.dirname, 'controller-agents-client.ts');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const tmp = tempDir('agents');
  const served = await startServe(tmp.dir);
  const pid = served.proc.pid!;
  let client: ReturnType<typeof spawn> | undefined;
  try {
    await sleep(2000);
    const idle = rssMB(pid);
    const loadBefore = load();
    const started = wallMs();
    client = spawn(
      process.execPath,
      ['--import', 'tsx', CLIENT, served.url, await served.agentToken(), String(AGENTS)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await lineMatching(client, /^(welcomed \d+)/);
    const welcomeMs = wallMs() - started;
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      await sleep(500);
      samples.push(rssMB(pid));
    }
    const list: number[] = [];
    let listed = 0;
    for (let i = 0; i < 11; i++) {
      const t = wallMs();
      const { agents } = await served.api<{ agents: Array<{ status: string }> }>('/api/agents');
      list.push(wallMs() - t);
      listed = agents.filter((a) => a.status === 'online').length;
    }
    const peak = Math.max(...samples, rssMB(pid));
    console.log(`load average before: ${loadBefore}; after: ${load()} (2 cores)`);
    console.log(`baseline: controller RSS with no agent        ${idle.toFixed(1)} MB`);
    console.log(
      `controller RSS with ${AGENTS} idle agents       last ${samples.at(-1)!.toFixed(1)} MB, peak ${peak.toFixed(1)} MB over 10 s (goal ≤ 150 MB): ${peak <= 150 ? 'met' : 'MISSED'}`,
    );
    console.log(
      `per agent                                    ${(((peak - idle) * 1024) / AGENTS).toFixed(1)} KB`,
    );
    console.log(
      `all ${AGENTS} welcomed in ${welcomeMs.toFixed(0)} ms (50 connecting at a time); online in the API: ${listed}`,
    );
    console.log(show(`GET /api/agents with ${AGENTS} agents`, figures(list)));
    console.log(
      `for scale: the client process holding the sockets  ${rssMB(client.pid!).toFixed(1)} MB`,
    );
  } finally {
    if (client) await stopProcess(client);
    await served.stop();
    tmp.remove();
  }
}

await main();
