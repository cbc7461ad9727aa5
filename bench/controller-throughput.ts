/**
 * Trivial builds per second with 4 agents (issue 4). A real `rig serve
 * --no-local-agent` and four real `rig agent --executors 1` processes from
 * the built CLI (`npm run build` first). All builds are queued at once through
 * the API; the clock stops when the last one is finished.
 *
 *   node --import tsx bench/controller-throughput.ts [builds]
 *
 * Baseline in the same run: as many `sh -c true` spawns, one after another
 * and four at a time (what the builds' steps alone would cost).
 */
import { spawn } from 'node:child_process';
import {
  addProject,
  gitRepo,
  load,
  startAgent,
  startServe,
  stopProcess,
  tempDir,
  waitForBuild,
} from './controller-support.ts';

const BUILDS = Number(process.argv[2] ?? 100);
const AGENTS = 4;
const PIPELINE = `pipeline {
  agent any
  stages { stage('S') { steps { sh 'true' } } }
}
`;

function spawnTrue(): Promise<void> {
  return new Promise((resolve, reject) => {
    spawn('sh', ['-c', 'true'], { stdio: 'ignore' }).once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`sh exited ${code}`)),
    );
  });
}

async function spawnsPerSecond(n: number, parallel: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next++ < n) await spawnTrue();
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return n / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const tmp = tempDir('throughput');
  const served = await startServe(tmp.dir);
  const token = await served.agentToken();
  const agents = await Promise.all(
    Array.from({ length: AGENTS }, (_, i) =>
      startAgent(served, token, `tp-${i + 1}`, `${tmp.dir}/agent-${i + 1}`),
    ),
  );
  try {
    await addProject(served, 'tp', gitRepo(tmp.dir, PIPELINE));
    // Warm every agent's mirror and the controller's caches.
    const warm = await Promise.all(
      Array.from({ length: AGENTS }, () =>
        served.api<{ id: string }>('/api/projects/tp/builds', { method: 'POST', body: '{}' }),
      ),
    );
    for (const b of warm) await waitForBuild(served, b.id);

    const loadBefore = load();
    const started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < BUILDS; i++) {
      const b = await served.api<{ id: string }>('/api/projects/tp/builds', {
        method: 'POST',
        body: '{}',
      });
      ids.push(b.id);
    }
    const queuedMs = performance.now() - started;
    const results = [];
    for (const id of ids) results.push((await waitForBuild(served, id)).result);
    const seconds = (performance.now() - started) / 1000;
    const failed = results.filter((r) => r !== 'SUCCESS').length;
    const loadAfter = load();
    const serial = await spawnsPerSecond(BUILDS, 1);
    const four = await spawnsPerSecond(BUILDS, AGENTS);
    console.log(`load average before: ${loadBefore}; after: ${loadAfter} (2 cores)`);
    console.log(`baseline: ${BUILDS} × sh -c true, one at a time   ${serial.toFixed(1)} /s`);
    console.log(`baseline: ${BUILDS} × sh -c true, four at a time  ${four.toFixed(1)} /s`);
    console.log(
      `rig: ${BUILDS} builds of sh 'true' on ${AGENTS} agents    ${(BUILDS / seconds).toFixed(1)} builds/s (${seconds.toFixed(1)} s; queueing them took ${queuedMs.toFixed(0)} ms; ${failed} not SUCCESS)`,
    );
  } finally {
    await Promise.all(agents.map(stopProcess));
    await served.stop();
    tmp.remove();
  }
}

await main();
