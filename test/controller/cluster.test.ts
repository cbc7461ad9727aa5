/**
 * End to end on loopback: a controller process and three agent processes
 * with different labels; an `agent none` pipeline whose labelled stages and
 * parallel branches fan out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgentProc, ControllerProc } from './support/cluster.ts';
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

const count = (name: string, n: number): string =>
  `for i in $(seq 1 ${n}); do echo ${name}-$i; sleep 0.02; done`;

describe('controller with three labelled agents', () => {
  const tmp = tempDir('cluster');
  let c: ControllerProc;
  const agents: AgentProc[] = [];

  before(async () => {
    c = await startController(`${tmp.dir}/data`);
    agents.push(await startAgent(c, 'linux-1', ['linux'], tmp.dir));
    agents.push(await startAgent(c, 'kvm-1', ['linux', 'kvm'], tmp.dir));
    agents.push(await startAgent(c, 'arm-1', ['arm'], tmp.dir));
    await waitFor('three agents', async () => {
      const r = await api<{ agents: Array<{ connected: boolean }> }>(c.url, c.admin, '/api/agents');
      return r.body.agents.filter((a) => a.connected).length === 3;
    });
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.kill('SIGKILL')));
    await c.kill();
    tmp.remove();
  });

  it('fans parallel branches out to different agents at the same time, logs complete and ordered', async () => {
    const repo = makeRepo(tmp.dir, {
      agent: 'none',
      stages: [
        { name: 'Build', agent: 'linux && !kvm', sh: ['echo building $GREETING'] },
        {
          name: 'Test',
          parallel: [
            { name: 'kvm', agent: 'kvm', sh: [count('kvm', 40)] },
            { name: 'arm', agent: 'arm', sh: [count('arm', 40)] },
          ],
        },
      ],
    });
    const id = await submit(c, repo);
    const build = await finished(c, id);
    assert.equal(build.result, 'SUCCESS');
    const byUnit = new Map(build.jobs.map((j) => [j.unitPath, j]));
    assert.equal(byUnit.get('Build')?.agent, 'linux-1');
    const kvm = byUnit.get('Test/kvm');
    const arm = byUnit.get('Test/arm');
    assert.equal(kvm?.agent, 'kvm-1');
    assert.equal(arm?.agent, 'arm-1');
    // Both branches were running at once.
    assert.ok(
      (kvm?.startedAt ?? 0) < (arm?.finishedAt ?? 0) &&
        (arm?.startedAt ?? 0) < (kvm?.finishedAt ?? 0),
    );
    const lines = (await streamLines(c, id, kvm?.id ?? '')).filter((l) => l.startsWith('kvm-'));
    assert.deepEqual(
      lines,
      Array.from({ length: 40 }, (_, i) => `kvm-${i + 1}`),
    );
    const buildLog = await streamLines(c, id, byUnit.get('Build')?.id ?? '');
    assert.ok(buildLog.includes('building hello'), 'parameter default reached the step');
  });

  it('says why a build waits when no agent matches', async () => {
    const repo = makeRepo(`${tmp.dir}/nomatch`, {
      agent: 'vagrant && kvm',
      stages: [{ name: 'x', sh: ['true'] }],
    });
    const id = await submit(c, repo);
    const reason = await waitFor('a wait reason', async () => {
      const q = await api<{ queue: Array<{ build: { id: string }; reason: string }> }>(
        c.url,
        c.admin,
        '/api/queue',
      );
      return q.body.queue.find((e) => e.build.id === id && e.reason.includes('no online agent'))
        ?.reason;
    });
    assert.match(reason, /no online agent matches `vagrant && kvm`/);
    await api(c.url, c.admin, `/api/builds/${id}/cancel`, { method: 'POST' });
    assert.equal((await finished(c, id)).result, 'ABORTED');
  });

  it('cancels a running build: ABORTED, and post still runs', async () => {
    const repo = makeRepo(`${tmp.dir}/cancel`, {
      agent: 'arm',
      stages: [{ name: 'long', sh: ['echo started; sleep 30'] }],
    });
    const id = await submit(c, repo);
    await waitFor('the step to start', async () => {
      const b = (
        await api<{ streams: Array<{ stream: string; lines: number }> }>(
          c.url,
          c.admin,
          `/api/builds/${id}`,
        )
      ).body;
      const job = b.streams.find((s) => s.stream.startsWith('j'));
      return job && (await streamLines(c, id, job.stream)).includes('started');
    });
    await api(c.url, c.admin, `/api/builds/${id}/cancel`, { method: 'POST' });
    const build = await finished(c, id);
    assert.equal(build.result, 'ABORTED');
    const log = await streamLines(c, id, build.jobs[0]?.id ?? '');
    assert.ok(
      log.some((l) => l.startsWith('post: always ran')),
      log.join('\n'),
    );
  });
});
