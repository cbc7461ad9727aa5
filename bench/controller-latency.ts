/**
 * Trigger-to-first-step latency with an idle agent (issue 4 goal: p50 ≤ 50 ms,
 * p99 ≤ 250 ms). A real `rig serve --no-local-agent` and one real `rig agent`
 * (host executor) from the built CLI (`npm run build` first); builds are
 * triggered one at a time through the API, each after the previous finished.
 *
 *   node --import tsx bench/controller-latency.ts [builds]
 *
 * Per build: from just before `POST /api/projects/:p/builds` to
 *   - step start: the wall clock the step's `date +%s%N` prints;
 *   - first output at a client: the step's line arriving over the build's
 *     SSE follow stream (opened as soon as the trigger answered), i.e. after
 *     it went agent → controller → log store → client.
 * Baselines in the same run: `sh -c true` spawned and waited for, and an
 * HTTP round-trip to the controller on loopback (`GET /api/health`).
 */
import { figures, show } from './stats.ts';
import {
  addProject,
  gitRepo,
  load,
  spawnTrueMs,
  startAgent,
  startServe,
  stopProcess,
  tempDir,
  waitForBuild,
  wallMs,
} from './controller-support.ts';
import type { Served } from './controller-support.ts';

const BUILDS = Number(process.argv[2] ?? 50);
const PIPELINE = `pipeline {
  agent any
  stages { stage('S') { steps { sh 'date +%s%N' } } }
}
`;

interface Sample {
  ack: number;
  stepStart: number;
  firstOutput: number;
}

/** Reads the build's SSE follow stream until a line that is a nanosecond timestamp. */
async function firstStepLine(served: Served, id: string): Promise<{ at: number; ns: bigint }> {
  const res = await fetch(`${served.url}/api/builds/${id}/follow`, {
    headers: { authorization: `Bearer ${served.admin}` },
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`build ${id}: stream ended without the step's line`);
      const at = wallMs();
      buffered += decoder.decode(value, { stream: true });
      const m = /"text":"(\d{19})"/.exec(buffered);
      if (m) return { at, ns: BigInt(m[1]!) };
    }
  } finally {
    await reader.cancel();
  }
}

async function oneBuild(served: Served): Promise<Sample> {
  const t0 = wallMs();
  const build = await served.api<{ id: string }>('/api/projects/lat/builds', {
    method: 'POST',
    body: '{}',
  });
  const ack = wallMs() - t0;
  const line = await firstStepLine(served, build.id);
  const done = await waitForBuild(served, build.id);
  if (done.result !== 'SUCCESS') throw new Error(`build ${build.id} ended ${done.result}`);
  return { ack, stepStart: Number(line.ns / 1000n) / 1000 - t0, firstOutput: line.at - t0 };
}

async function healthRoundTrip(served: Served): Promise<number> {
  const t = wallMs();
  await (await fetch(`${served.url}/api/health`)).text();
  return wallMs() - t;
}

async function main(): Promise<void> {
  const tmp = tempDir('latency');
  const served = await startServe(tmp.dir);
  const agent = await startAgent(served, await served.agentToken(), 'lat-1', `${tmp.dir}/agent`);
  try {
    await addProject(served, 'lat', gitRepo(tmp.dir, PIPELINE));
    await oneBuild(served); // warm: mirror clone, page cache, JIT
    const samples: Sample[] = [];
    const shell: number[] = [];
    const http: number[] = [];
    const loadBefore = load();
    for (let i = 0; i < BUILDS; i++) {
      samples.push(await oneBuild(served));
      shell.push(spawnTrueMs());
      http.push(await healthRoundTrip(served));
    }
    console.log(`load average before: ${loadBefore}; after: ${load()} (2 cores)`);
    console.log(show('baseline: sh -c true (spawn + wait)', figures(shell)));
    console.log(show('baseline: HTTP round-trip on loopback', figures(http)));
    console.log(show('trigger answered (POST → 201)', figures(samples.map((s) => s.ack))));
    const start = figures(samples.map((s) => s.stepStart));
    console.log(show('trigger → step process started', start));
    const out = figures(samples.map((s) => s.firstOutput));
    console.log(show("trigger → step's first line at a client (SSE)", out));
    console.log(
      `goal p50 ≤ 50 ms, p99 ≤ 250 ms: step start ${verdict(start.median, start.p99)}, first output ${verdict(out.median, out.p99)}`,
    );
  } finally {
    await stopProcess(agent);
    await served.stop();
    tmp.remove();
  }
}

function verdict(p50: number, p99: number): string {
  return p50 <= 50 && p99 <= 250 ? 'met' : 'MISSED';
}

await main();
