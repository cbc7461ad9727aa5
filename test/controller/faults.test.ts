/**
 * Faults on loopback with real processes: an agent SIGKILLed mid-job, the
 * controller SIGKILLed and restarted mid-build.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { AgentProc } from './support/cluster.ts';
import {
  api,
  finished,
  makeRepo,
  startAgent,
  startController,
  streamLines,
  submit,
  tempDir,
  waitFor,
} from './support/cluster.ts';

const count = (name: string, n: number, pause = 0.02): string =>
  `for i in $(seq 1 ${n}); do echo ${name}-$i; sleep ${pause}; done`;

describe('faults', () => {
  const tmp = tempDir('faults');
  const procs: Array<{ kill: (s?: NodeJS.Signals) => Promise<void> }> = [];
  after(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGKILL')));
    tmp.remove();
  });

  it('reruns the job on another agent when its agent is SIGKILLed; the log says so', async () => {
    const c = await startController(`${tmp.dir}/lost`, 0, 1500);
    procs.push(c);
    const boxes = [
      await startAgent(c, 'box-1', ['linux'], `${tmp.dir}/lost`),
      await startAgent(c, 'box-2', ['linux'], `${tmp.dir}/lost`),
    ];
    procs.push(...boxes);
    const repo = makeRepo(`${tmp.dir}/lost`, {
      agent: 'linux',
      stages: [{ name: 'work', sh: [count('n', 60, 0.05)] }],
    });
    const id = await submit(c, repo);
    const first = await waitFor('the job to run', async () => {
      const b = (
        await api<{ jobs: Array<{ status: string; agent: string }> }>(
          c.url,
          c.admin,
          `/api/builds/${id}`,
        )
      ).body;
      return b.jobs[0]?.status === 'running' && b.jobs[0].agent;
    });
    const victim = boxes.find((b) => b.name === first) as AgentProc;
    const other = boxes.find((b) => b.name !== first) as AgentProc;
    await victim.kill('SIGKILL');
    const build = await finished(c, id);
    assert.equal(build.result, 'SUCCESS');
    assert.deepEqual(
      build.jobs.map((j) => [j.agent, j.status, j.attempt]),
      [
        [victim.name, 'lost', 1],
        [other.name, 'done', 2],
      ],
    );
    const system = (await streamLines(c, id, 'system')).join('\n');
    assert.match(system, new RegExp(`Agent ${victim.name} was lost`));
    assert.match(system, /was lost .*not a test failure.*attempt 2 of 2/);
    const rerun = (await streamLines(c, id, build.jobs[1]?.id ?? '')).filter((l) =>
      l.startsWith('n-'),
    );
    assert.deepEqual(
      rerun,
      Array.from({ length: 60 }, (_, i) => `n-${i + 1}`),
    );
  });

  it('finishes a build across a controller restart with no lost or duplicated line', async () => {
    const data = `${tmp.dir}/restart`;
    let c = await startController(data, 0, 10_000);
    const port = Number(new URL(c.url).port);
    const agent = await startAgent(c, 'steady', ['linux'], data);
    procs.push(agent);
    const repo = makeRepo(data, {
      agent: 'none',
      stages: [
        { name: 'one', agent: 'linux', sh: [count('line', 150, 0.01)] },
        { name: 'two', agent: 'linux', sh: ['echo second'] },
      ],
    });
    const id = await submit(c, repo);
    await waitFor('some lines', async () => {
      const b = (await api<{ jobs: Array<{ id: string }> }>(c.url, c.admin, `/api/builds/${id}`))
        .body;
      const job = b.jobs[0];
      return job && (await streamLines(c, id, job.id)).length > 20;
    });
    await c.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    c = await startController(data, port, 10_000);
    procs.push(c);
    const build = await finished(c, id);
    assert.equal(build.result, 'SUCCESS');
    assert.deepEqual(
      build.jobs.map((j) => j.unitPath),
      ['one', 'two'],
      'units re-attached, not re-run',
    );
    const lines = (await streamLines(c, id, build.jobs[0]?.id ?? '')).filter((l) =>
      l.startsWith('line-'),
    );
    assert.deepEqual(
      lines,
      Array.from({ length: 150 }, (_, i) => `line-${i + 1}`),
    );
  });
});
