/**
 * The controller's side of the agent protocol under faults, driven by hand
 * over a real WebSocket: a lock wait never blocks the agent's other
 * messages; a grant, a release or a cancel that meets a disconnected agent
 * is not lost; a chunk after a gap waits for the resend.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { issueToken } from '../../src/controller/api/tokens.ts';
import { createController } from '../../src/controller/controller.ts';
import type { Controller } from '../../src/controller/controller.ts';
import { parseJenkinsfilePipeline } from '../../src/controller/pipeline-parser.ts';
import type { BuildEvent } from '../../src/runner/events.ts';
import { RawAgent } from './support/raw-agent.ts';
import { tempDir } from './support/cluster.ts';

const pipelineFor = (label: string): string =>
  `pipeline {\n  agent { label '${label}' }\n  stages { stage('s') { steps { sh 'true' } } }\n}\n`;

const line = (text: string): BuildEvent => ({
  type: 'log',
  at: Date.now(),
  stage: 's',
  stepId: null,
  stream: 'stdout',
  text,
});

describe('protocol faults', () => {
  const tmp = tempDir('protocol');
  let c: Controller;
  let url: string;
  let admin: string;
  let agentToken: string;
  const repo = join(tmp.dir, 'repo');

  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(url + path, {
      ...init,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    });
    return (await res.json()) as T;
  };
  const submit = (file: string): Promise<{ id: string }> =>
    api('/api/builds', { method: 'POST', body: JSON.stringify({ repo, pipelineFile: file }) });
  const agent = (name: string, label: string): RawAgent =>
    new RawAgent(url, agentToken, name, [label]);

  before(async () => {
    mkdirSync(repo);
    writeFileSync(join(repo, 'a.Jenkinsfile'), pipelineFor('raw-a'));
    writeFileSync(join(repo, 'b.Jenkinsfile'), pipelineFor('raw-b'));
    const git = (...a: string[]): void => void execFileSync('git', a, { cwd: repo });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'ci');
    c = await createController({
      dataDir: join(tmp.dir, 'data'),
      log: pino({ level: process.env.RIG_TEST_LOG ?? 'silent' }),
      parse: parseJenkinsfilePipeline,
      coordinator: null,
      heartbeatMs: 500,
      reconnectWindowMs: 60_000,
    });
    url = await c.listen(0);
    admin = (await issueToken(c.store, 'admin', 'user', ['admin'])).token;
    agentToken = (await issueToken(c.store, 'agents', 'agent', [])).token;
  });
  after(async () => {
    await c.close();
    tmp.remove();
  });

  it('a lock wait blocks nothing, and a grant made while the agent was away is not lost', async () => {
    const a = agent('raw-a', 'raw-a');
    const b = agent('raw-b', 'raw-b');
    await a.connect();
    await b.connect();
    await submit('b.Jenkinsfile');
    const jobB = (await b.next('job.assign')).job.jobId;
    await submit('a.Jenkinsfile');
    await submit('a.Jenkinsfile');
    const jobA1 = (await a.next('job.assign')).job.jobId;
    const jobA2 = (await a.next('job.assign')).job.jobId;
    b.send({ type: 'lock.acquire', requestId: 'b1', jobId: jobB, resource: 'db' });
    await b.next('lock.granted', (m) => m.requestId === 'b1');
    a.send({ type: 'lock.acquire', requestId: 'a1', jobId: jobA1, resource: 'db' });
    // The other job of the same agent goes on while a1 waits.
    a.send({ type: 'job.chunk', jobId: jobA2, seq: 1, events: [line('still moving')] });
    assert.equal((await a.next('chunk.ack')).seq, 1);
    assert.equal(await a.gets('lock.granted', 300), false);

    await a.disconnect();
    b.send({ type: 'lock.release', jobId: jobB, resource: 'db', requestId: 'b1' });
    await waitUntil(async () => (await c.store.listLocks()).some((l) => l.holder.endsWith('#a1')));
    const welcome = await a.connect({
      jobs: [
        { jobId: jobA1, lastChunkSeq: 0 },
        { jobId: jobA2, lastChunkSeq: 1 },
      ],
      locks: [{ jobId: jobA1, requestId: 'a1', resource: 'db', held: false }],
    });
    assert.deepEqual(
      welcome.jobs.map((j) => [j.jobId, j.keep, j.ackedSeq]),
      [
        [jobA1, true, 0],
        [jobA2, true, 1],
      ],
    );
    a.send({ type: 'lock.acquire', requestId: 'a1', jobId: jobA1, resource: 'db' });
    await a.next('lock.granted', (m) => m.requestId === 'a1');

    // A release sent into a dead socket: the next hello no longer lists the lock, so it is freed.
    await a.disconnect();
    await a.connect({
      jobs: [
        { jobId: jobA1, lastChunkSeq: 0 },
        { jobId: jobA2, lastChunkSeq: 1 },
      ],
      locks: [],
    });
    b.send({ type: 'lock.acquire', requestId: 'b2', jobId: jobB, resource: 'db' });
    await b.next('lock.granted', (m) => m.requestId === 'b2');

    for (const [who, job] of [
      [a, jobA1],
      [a, jobA2],
      [b, jobB],
    ] as const) {
      who.send({
        type: 'job.done',
        jobId: job,
        result: 'SUCCESS',
        lastChunkSeq: job === jobA2 ? 1 : 0,
      });
      await who.next('job.done.ack', (m) => m.jobId === job);
    }
    assert.deepEqual(await c.store.listLocks(), [], 'jobs that end leave no lock behind');
    await a.disconnect();
    await b.disconnect();
  });

  it('a cancel made while the agent was away reaches it when it is back', async () => {
    const a = agent('raw-a', 'raw-a');
    await a.connect();
    const build = await submit('a.Jenkinsfile');
    const job = (await a.next('job.assign')).job.jobId;
    a.send({ type: 'job.started', jobId: job });
    await a.disconnect();
    await api(`/api/builds/${build.id}/cancel`, { method: 'POST' });
    await a.connect({ jobs: [{ jobId: job, lastChunkSeq: 0 }] });
    assert.equal((await a.next('job.cancel')).jobId, job);
    a.send({ type: 'job.done', jobId: job, result: 'ABORTED', lastChunkSeq: 0 });
    await a.next('job.done.ack');
    await waitUntil(async () => (await c.store.getBuild(build.id))?.result === 'ABORTED');
    await a.disconnect();
  });

  it('a chunk after a gap is not applied until the chunks before it came again', async () => {
    const a = agent('raw-a', 'raw-a');
    await a.connect();
    const build = await submit('a.Jenkinsfile');
    const job = (await a.next('job.assign')).job.jobId;
    a.send({ type: 'job.chunk', jobId: job, seq: 1, events: [line('one')] });
    assert.equal((await a.next('chunk.ack')).seq, 1);
    a.send({ type: 'job.chunk', jobId: job, seq: 3, events: [line('three')] });
    assert.equal(await a.gets('chunk.ack', 300), false, 'not acked: the agent keeps it');
    a.send({ type: 'job.done', jobId: job, result: 'SUCCESS', lastChunkSeq: 3 });
    assert.equal(await a.gets('job.done.ack', 300), false, 'not done while chunks are missing');
    for (const [seq, text] of [
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ] as const) {
      a.send({ type: 'job.chunk', jobId: job, seq, events: [line(text)] });
      assert.equal((await a.next('chunk.ack')).seq, seq);
    }
    a.send({ type: 'job.done', jobId: job, result: 'SUCCESS', lastChunkSeq: 3 });
    await a.next('job.done.ack');
    const log = await api<{ lines: string[] }>(`/api/builds/${build.id}/log/${job}`);
    assert.deepEqual(log.lines, ['one', 'two', 'three']);
    await a.disconnect();
  });
});

async function waitUntil(ok: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
