/**
 * The controller and agents from source (tsx), with the real runner and
 * Jenkinsfiles: what the acceptance tests (test/acceptance, the built CLI)
 * do not cover — why a build waits, a unit lost with no attempts left, an
 * agent draining on SIGTERM.
 */
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sweepJobCgroups } from '../acceptance/support/leftovers.ts';
import type { ControllerProc } from './support/cluster.ts';
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

async function runningJob(c: ControllerProc, id: string): Promise<{ id: string; agent: string }> {
  return waitFor(`a job of ${id} to print`, async () => {
    const b = (
      await api<{ jobs: Array<{ id: string; status: string; agent: string }> }>(
        c.url,
        c.admin,
        `/api/builds/${id}`,
      )
    ).body;
    const job = b.jobs.find((j) => j.status === 'running');
    return job && (await streamLines(c, id, job.id)).includes('started') && job;
  });
}

describe('controller and agents from source', () => {
  const tmp = tempDir('cluster');
  let c: ControllerProc;
  const projects: string[] = [];

  before(async () => {
    c = await startController(`${tmp.dir}/data`, 0, 1500);
  });
  after(async () => {
    await c.kill('SIGKILL');
    for (const p of projects) await sweepJobCgroups(p);
    tmp.remove();
  });

  it('says why a build waits when no agent matches', async () => {
    const repo = makeRepo(
      `${tmp.dir}/nomatch`,
      `pipeline {
  agent { label 'vagrant && kvm' }
  stages { stage('x') { steps { sh 'true' } } }
}
`,
    );
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

  it('fails the build for an infrastructure reason when a unit is lost with no attempts left', async () => {
    const agent = await startAgent(c, 'only', ['lone'], tmp.dir);
    const repo = makeRepo(
      `${tmp.dir}/lost`,
      `pipeline {
  agent none
  stages {
    stage('once') {
      agent { label 'lone' }
      options { retry(count: 1, conditions: [agent()]) }
      steps { sh 'echo started; sleep 30' }
    }
  }
}
`,
    );
    projects.push(basename(repo));
    const id = await submit(c, repo);
    await runningJob(c, id);
    await agent.kill('SIGKILL');
    const build = await finished(c, id);
    assert.equal(build.result, 'FAILURE');
    // Ended, not requeued: a restarted coordinator re-attaches to its result.
    assert.deepEqual(
      build.jobs.map((j) => [j.unitPath, j.status, j.result, j.note, j.attempt]),
      [['once', 'done', 'FAILURE', 'agent lost; no attempts left', 1]],
    );
    assert.match(
      (await streamLines(c, id, 'system')).join('\n'),
      /Agent only was lost .* has no attempts left \(1; raise with retry/,
    );
  });

  it('drains an agent on SIGTERM: its job finishes there, then it exits', async () => {
    const agent = await startAgent(c, 'drainer', ['drain'], tmp.dir);
    const repo = makeRepo(
      `${tmp.dir}/drain`,
      `pipeline {
  agent { label 'drain' }
  stages { stage('s') { steps { sh 'echo started; sleep 1; echo finished' } } }
}
`,
    );
    const id = await submit(c, repo);
    await runningJob(c, id);
    const exited = new Promise<number | null>((r) => agent.proc.once('exit', r));
    agent.proc.kill('SIGTERM');
    const build = await finished(c, id);
    assert.equal(build.result, 'SUCCESS');
    assert.ok((await streamLines(c, id, build.jobs[0]?.id ?? '')).includes('finished'));
    assert.equal(await exited, 0);
  });
});
