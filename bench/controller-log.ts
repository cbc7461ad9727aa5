/**
 * A 100 MB build log through the controller (issue 4 goals: controller RSS
 * growth ≤ 64 MB while ingesting; the last 1,000 lines served by the API in
 * ≤ 200 ms). A real `rig serve --no-local-agent` from the built CLI (`npm run
 * build` first); this process is the agent, speaking the protocol directly:
 * it takes the job the controller pushes and sends the log as numbered
 * chunks of ~256 KiB (the real agent's batch size), at most 8 unacked.
 *
 *   node --import tsx bench/controller-log.ts [MB]
 *
 * Controller RSS is sampled from /proc every 50 ms. Baselines in the same
 * run: the same bytes appended to a plain file with fs, an HTTP round-trip
 * (`GET /api/health`), and coreutils `tail -n 1000` of the stored log file.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { AGENT_CONNECT_PATH, PROTOCOL_VERSION } from '../src/protocol/messages.ts';
import type { AgentMessage, ControllerMessage } from '../src/protocol/messages.ts';
import { figures, show } from './stats.ts';
import {
  addProject,
  gitRepo,
  load,
  rssMB,
  startServe,
  tempDir,
  waitForBuild,
  wallMs,
} from './controller-support.ts';
import type { Served } from './controller-support.ts';

const MB = Number(process.argv[2] ?? 100);
const TARGET = MB * 2 ** 20;
const LINES_PER_CHUNK = 2500;
const WINDOW = 8;
const PIPELINE = `pipeline {
  agent any
  stages { stage('S') { steps { sh 'true' } } }
}
`;

const line = (i: number): string =>
  `${String(i).padStart(9, '0')} [step] compiling unit ${i % 977} ok ${'x'.repeat(50 + (i % 31))}`;

function chunkText(first: number): string {
  return Array.from({ length: LINES_PER_CHUNK }, (_, k) => line(first + k)).join('\n');
}

/** The protocol by hand: hello, wait for the assignment, then stream chunks under a window. */
class BenchAgent {
  private readonly ws: WebSocket;
  private acked = 0;
  private wake: (() => void) | null = null;
  private assigned: ((jobId: string) => void) | null = null;

  constructor(served: Served, token: string) {
    const url = new URL(AGENT_CONNECT_PATH, served.url.replace(/^http/, 'ws'));
    this.ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    this.ws.on('message', (data: Buffer) => this.onMessage(JSON.parse(data.toString())));
  }

  async hello(): Promise<void> {
    await new Promise((resolve, reject) => this.ws.once('open', resolve).once('error', reject));
    this.send({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      name: 'log-bench',
      labels: [],
      executors: 1,
      executorKinds: ['host'],
      facts: {},
      draining: false,
      quarantine: null,
      jobs: [],
    });
  }

  nextJob(): Promise<string> {
    return new Promise((resolve) => (this.assigned = resolve));
  }

  /** Sends the whole log; resolves when every chunk is acked. Returns bytes and lines sent. */
  async stream(jobId: string): Promise<{ bytes: number; lines: number; chunks: number }> {
    this.send({ type: 'job.started', jobId });
    let bytes = 0;
    let lines = 0;
    let seq = 0;
    while (bytes < TARGET) {
      while (seq - this.acked >= WINDOW) await this.ackProgress();
      const text = chunkText(lines);
      bytes += Buffer.byteLength(text) + 1;
      lines += LINES_PER_CHUNK;
      seq++;
      const event = {
        type: 'log',
        at: Date.now(),
        stage: 'S',
        stepId: 's1',
        stream: 'stdout',
        text,
      };
      this.send({ type: 'job.chunk', jobId, seq, events: [event] } as AgentMessage);
    }
    while (this.acked < seq) await this.ackProgress();
    this.send({ type: 'job.done', jobId, result: 'SUCCESS', lastChunkSeq: seq });
    return { bytes, lines, chunks: seq };
  }

  close(): void {
    this.ws.close();
  }

  private ackProgress(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private send(m: AgentMessage): void {
    this.ws.send(JSON.stringify(m));
  }

  private onMessage(m: ControllerMessage): void {
    if (m.type === 'ping') this.send({ type: 'pong', at: m.at });
    if (m.type === 'job.assign') this.assigned?.(m.job.jobId);
    if (m.type === 'chunk.ack') {
      this.acked = Math.max(this.acked, m.seq);
      this.wake?.();
    }
  }
}

function sampleRss(pid: number): { stop: () => number } {
  let peak = rssMB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMB(pid))), 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rssMB(pid));
    },
  };
}

function plainFileIngest(dir: string): { ms: number } {
  const file = join(dir, 'plain.log');
  const started = performance.now();
  for (let lines = 0, bytes = 0; bytes < TARGET; lines += LINES_PER_CHUNK) {
    const text = chunkText(lines) + '\n';
    appendFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return { ms: performance.now() - started };
}

/** The stored log file of the job's stream (under the controller's data dir). */
function storedLogFile(dataDir: string, jobId: string): string | undefined {
  const walk = (d: string): string | undefined => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        const found = walk(p);
        if (found) return found;
      } else if (e.name.includes(jobId) && e.name.endsWith('.log')) return p;
    }
    return undefined;
  };
  return walk(dataDir);
}

async function timed(fn: () => Promise<unknown>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = wallMs();
    await fn();
    out.push(wallMs() - t);
  }
  return out;
}

async function main(): Promise<void> {
  const tmp = tempDir('log');
  const served = await startServe(tmp.dir);
  const agent = new BenchAgent(served, await served.agentToken());
  try {
    await agent.hello();
    await addProject(served, 'big', gitRepo(tmp.dir, PIPELINE));
    const jobPromise = agent.nextJob();
    const build = await served.api<{ id: string }>('/api/projects/big/builds', {
      method: 'POST',
      body: '{}',
    });
    const jobId = await jobPromise;
    const pid = served.proc.pid!;
    const rssBefore = rssMB(pid);
    const loadBefore = load();
    const rss = sampleRss(pid);
    const started = performance.now();
    const sent = await agent.stream(jobId);
    const ingestMs = performance.now() - started;
    const peak = rss.stop();
    await waitForBuild(served, build.id);
    const rssAfter = rssMB(pid);
    const loadAfter = load();

    const path = `/api/builds/${build.id}/log/${jobId}?tail=1000`;
    const tail = await served.api<{ lines: string[]; firstLine: number }>(path);
    if (tail.lines.length !== 1000 || tail.lines.at(-1) !== line(sent.lines - 1))
      throw new Error(`tail is wrong: ${tail.lines.length} lines, last ${tail.lines.at(-1)}`);
    const api = figures(await timed(() => served.api(path), 21));
    const health = figures(
      await timed(async () => (await fetch(`${served.url}/api/health`)).text(), 21),
    );
    const file = storedLogFile(join(tmp.dir, 'data'), jobId);
    const coreutils = file
      ? figures(
          await timed(async () => {
            spawnSync('tail', ['-n', '1000', file], { stdio: 'ignore' });
          }, 21),
        )
      : undefined;
    const plain = plainFileIngest(tmp.dir);

    const mbps = (ms: number): string => ((sent.bytes / 2 ** 20 / ms) * 1000).toFixed(0);
    console.log(`load average before: ${loadBefore}; after ingest: ${loadAfter} (2 cores)`);
    console.log(
      `sent ${(sent.bytes / 2 ** 20).toFixed(1)} MB, ${sent.lines} lines in ${sent.chunks} chunks`,
    );
    console.log(
      `baseline: appendFileSync to a plain file         ${plain.ms.toFixed(0)} ms (${mbps(plain.ms)} MB/s)`,
    );
    console.log(
      `controller ingest over the protocol            ${ingestMs.toFixed(0)} ms (${mbps(ingestMs)} MB/s)`,
    );
    console.log(
      `controller RSS: before ${rssBefore.toFixed(1)} MB, peak ${peak.toFixed(1)} MB, after ${rssAfter.toFixed(1)} MB → growth ${(peak - rssBefore).toFixed(1)} MB (goal ≤ 64 MB)`,
    );
    console.log(show('baseline: HTTP round-trip (GET /api/health)', health));
    if (coreutils) console.log(show('baseline: tail -n 1000 of the stored file', coreutils));
    console.log(show('API: last 1,000 lines (?tail=1000)', api));
    console.log(`goal last 1,000 lines ≤ 200 ms: ${api.p99 <= 200 ? 'met' : 'MISSED'} (p99)`);
  } finally {
    agent.close();
    await served.stop();
    tmp.remove();
  }
}

await main();
