/**
 * Issue 4's faults with real processes: an agent SIGKILLed mid-job, the
 * controller SIGKILLed and started again on the same --data mid-build, and an
 * agent in a network namespace cut off (link down) for less, then more, than
 * the reconnect window.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BuildView } from './support/http.ts';
import { waitFor } from './support/http.ts';
import { sweepJobCgroups } from './support/leftovers.ts';
import type { Netns } from './support/netns.ts';
import { createNetns } from './support/netns.ts';
import type { AgentProc, Serve } from './support/rig.ts';
import { agent, agentToken, connected, rig, serve, stopAll } from './support/rig.ts';
import { COUNT_SH, makeRepo, suffix, tempDir } from './support/repo.ts';

const numbered = (name: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${name}-${i + 1}`);
const only = (lines: string[], name: string): string[] =>
  lines.filter((l) => new RegExp(`^${name}-\\d+$`).test(l));

/** Ticks (numbered) until the file named by $RELEASE exists: the test decides when it ends. */
const TICK_SH = `#!/bin/sh
i=0
while [ ! -e "$RELEASE" ]; do
  i=$((i + 1)); echo "tick-$i"; [ "$i" -gt 1200 ] && exit 1; sleep 0.05
done
echo "released after $i"
`;

const tickPipeline = (label: string): string => `pipeline {
  agent { label '${label}' }
  parameters { string(name: 'RELEASE', defaultValue: '/nonexistent') }
  stages { stage('tick') { steps { sh './tick.sh' } } }
}
`;

async function jobRunning(s: Serve, id: string, atLeastLines = 1): Promise<BuildView['jobs'][0]> {
  return waitFor(`a job of ${id} to run and print`, async () => {
    const b = await s.api.build(id);
    const job = b.jobs.find((j) => j.status === 'running');
    if (!job) return undefined;
    const lines = await s.api.lines(id, job.id);
    return lines.filter((l) => /^(tick|n|line)-\d+$/.test(l)).length >= atLeastLines && job;
  });
}

async function submitApi(
  s: Serve,
  repo: string,
  params: Record<string, string> = {},
): Promise<string> {
  const r = await s.api.call<{ id: string }>('/api/builds', {
    method: 'POST',
    body: JSON.stringify({ repo, ref: 'main', params }),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

describe('agent faults', () => {
  const tmp = tempDir('faults');
  let ns: Netns;
  let s: Serve;
  let token: string;
  const projects: string[] = [];

  before(async () => {
    ns = createNetns();
    // The controller listens on the veth's host address: the agent inside reaches it
    // through the link, agents on the host through their own stack.
    s = await serve({
      data: join(tmp.dir, 'data'),
      host: ns.hostAddress,
      heartbeatMs: 250,
      reconnectWindowMs: 6000,
    });
    token = await agentToken(s);
  });
  after(async () => {
    await stopAll();
    ns.restore();
    ns.remove();
    for (const p of projects) await sweepJobCgroups(p);
    tmp.remove();
  });

  it('reruns the job on another agent when its agent is SIGKILLed; the build succeeds, the log says why', async () => {
    const boxes = await Promise.all([
      agent(s, token, 'kill-1', ['kill'], tmp.dir),
      agent(s, token, 'kill-2', ['kill'], tmp.dir),
    ]);
    const name = `killed-${suffix()}`;
    projects.push(name);
    const repo = makeRepo(tmp.dir, name, {
      Jenkinsfile: `pipeline {
  agent { label 'kill' }
  stages { stage('work') { steps { sh './count.sh n 60 0.05' } } }
}
`,
      'count.sh': COUNT_SH,
    });
    const id = await submitApi(s, repo);
    const first = await jobRunning(s, id, 5);
    const victim = boxes.find((b) => b.name === first.agent) as AgentProc;
    const other = boxes.find((b) => b.name !== first.agent) as AgentProc;
    await victim.kill('SIGKILL');

    const build = await s.api.finished(id);
    assert.equal(build.result, 'SUCCESS');
    assert.deepEqual(
      build.jobs.map((j) => [j.agent, j.status, j.attempt]),
      [
        [victim.name, 'lost', 1],
        [other.name, 'done', 2],
      ],
    );
    const system = (await s.api.lines(id, 'system')).join('\n');
    assert.match(system, new RegExp(`Agent ${victim.name} was lost \\(no contact for 6 s\\)`));
    assert.match(system, /infrastructure failure, not a test failure.*attempt 2 of 2/);
    assert.deepEqual(only(await s.api.lines(id, build.jobs[1]?.id ?? ''), 'n'), numbered('n', 60));
    await other.kill();
  });

  describe('an agent in a network namespace', () => {
    let inside: AgentProc;
    const release = (name: string): string => join(tmp.dir, `release-${name}`);

    before(async () => {
      inside = await agent(s, token, 'inside', ['cut'], tmp.dir, { prefix: ns.prefix });
    });

    it('cut off for less than the reconnect window: the job goes on there and loses no line', async () => {
      const name = `short-${suffix()}`;
      projects.push(name);
      const repo = makeRepo(tmp.dir, name, {
        Jenkinsfile: tickPipeline('cut'),
        'tick.sh': TICK_SH,
      });
      const id = await submitApi(s, repo, { RELEASE: release(name) });
      await jobRunning(s, id, 3);
      ns.cut();
      await waitFor(
        'the controller to notice',
        async () => !(await connected(s)).includes('inside'),
      );
      ns.restore();
      await waitFor('the agent to come back', async () => (await connected(s)).includes('inside'));
      writeFileSync(release(name), '');

      const build = await s.api.finished(id);
      assert.equal(build.result, 'SUCCESS');
      assert.deepEqual(
        build.jobs.map((j) => [j.agent, j.status, j.attempt]),
        [['inside', 'done', 1]],
      );
      const lines = await s.api.lines(id, build.jobs[0]?.id ?? '');
      const ticks = only(lines, 'tick');
      assert.deepEqual(ticks, numbered('tick', ticks.length), 'every tick once, in order');
      assert.ok(lines.includes(`released after ${ticks.length}`), lines.join('\n'));
      assert.doesNotMatch((await s.api.lines(id, 'system')).join('\n'), /was lost/);
    });

    it('cut off for longer: the job is marked lost and runs again on another agent', async () => {
      const name = `long-${suffix()}`;
      projects.push(name);
      const repo = makeRepo(tmp.dir, name, {
        Jenkinsfile: tickPipeline('cut'),
        'tick.sh': TICK_SH,
      });
      const id = await submitApi(s, repo, { RELEASE: release(name) });
      const first = await jobRunning(s, id, 3);
      assert.equal(first.agent, 'inside');
      // Only now is there another agent for the retry.
      await agent(s, token, 'outside', ['cut'], tmp.dir);
      ns.cut();
      const retried = await waitFor(
        'the retry to run elsewhere',
        async () => {
          const b = await s.api.build(id);
          return b.jobs[0]?.status === 'lost' && b.jobs[1]?.status === 'running' && b.jobs[1];
        },
        30_000,
      );
      assert.equal(retried.agent, 'outside');
      writeFileSync(release(name), '');
      ns.restore();

      const build = await s.api.finished(id);
      assert.equal(build.result, 'SUCCESS');
      assert.deepEqual(
        build.jobs.map((j) => [j.agent, j.status, j.attempt]),
        [
          ['inside', 'lost', 1],
          ['outside', 'done', 2],
        ],
      );
      assert.match(
        (await s.api.lines(id, 'system')).join('\n'),
        /Agent inside was lost \(no contact for 6 s\)\. This is an infrastructure failure/,
      );
      // Back online, the agent hears its job went elsewhere, stops it and is free again.
      await waitFor('the agent to be back and idle', async () => {
        const r = await s.api.call<{
          agents: Array<{ name: string; connected: boolean; jobs: string[] }>;
        }>('/api/agents');
        const a = r.body.agents.find((x) => x.name === 'inside');
        return a?.connected === true && a.jobs.length === 0;
      });
      void inside;
    });
  });
});

describe('controller restart mid-build', () => {
  const tmp = tempDir('restart');
  after(async () => {
    await stopAll();
    tmp.remove();
  });

  it('finishes the build with no lost or duplicated line; rig submit --wait rides it out', async () => {
    const data = join(tmp.dir, 'data');
    const admin = `rig_u_restart_${suffix()}`;
    let s = await serve({ data, admin, heartbeatMs: 250, reconnectWindowMs: 15_000 });
    const token = await agentToken(s);
    await agent(s, token, 'steady', ['linux'], tmp.dir);
    const repo = makeRepo(tmp.dir, `restart-${suffix()}`, {
      Jenkinsfile: `pipeline {
  agent none
  stages {
    stage('one') {
      agent { label 'linux' }
      steps { sh './count.sh line 300 0.01' }
    }
    stage('two') {
      agent { label 'linux' }
      steps { sh 'echo second' }
    }
  }
}
`,
      'count.sh': COUNT_SH,
    });
    const submit = rig(['submit', '--wait'], { env: s.env, cwd: repo });
    let out = '';
    submit.proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => submit.proc.once('close', r));
    const id = await waitFor(
      'the build id',
      async () => /\((b[0-9a-f]+)\)/.exec(submit.stderr())?.[1],
    );
    await jobRunning(s, id, 30);

    await s.kill('SIGKILL');
    s = await serve({
      data,
      admin,
      port: Number(new URL(s.url).port),
      heartbeatMs: 250,
      reconnectWindowMs: 15_000,
    });

    const build = await s.api.finished(id);
    assert.equal(build.result, 'SUCCESS');
    assert.deepEqual(
      build.jobs.map((j) => [j.unitPath, j.attempt]),
      [
        ['one', 1],
        ['two', 1],
      ],
      'units re-attached, not run again',
    );
    const stored = await s.api.lines(id, build.jobs[0]?.id ?? '');
    assert.deepEqual(only(stored, 'line'), numbered('line', 300));
    assert.equal(await exited, 0, submit.stderr());
    assert.match(submit.stderr(), /lost the connection to .*; reconnecting/);
    assert.deepEqual(only(out.split('\n'), 'line'), numbered('line', 300));
    assert.ok(out.split('\n').includes('second'));
  });
});
