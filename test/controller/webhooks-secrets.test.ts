/**
 * Webhooks and secrets end to end: signatures, duplicate deliveries, a
 * credential masked in the log at the agent, and no credential for a fork.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { AgentProc, ControllerProc } from './support/cluster.ts';
import {
  api,
  finished,
  makeRepo,
  startAgent,
  startController,
  streamLines,
  tempDir,
  waitFor,
} from './support/cluster.ts';

const SECRET = 'hook-secret';
const sign = (body: string, secret = SECRET): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('webhooks and secrets', () => {
  const tmp = tempDir('hooks');
  let c: ControllerProc;
  let agent: AgentProc;
  let repo: string;
  let sha: string;

  const deliver = (
    event: string,
    body: string,
    delivery: string,
    signature = sign(body),
  ): Promise<Response> =>
    fetch(`${c.url}/api/webhooks/github/hooked`, {
      method: 'POST',
      headers: {
        'x-github-event': event,
        'x-github-delivery': delivery,
        'x-hub-signature-256': signature,
        'content-type': 'application/json',
      },
      body,
    });
  const builds = async (): Promise<Array<{ id: string }>> =>
    (await api<{ builds: Array<{ id: string }> }>(c.url, c.admin, '/api/builds?project=hooked'))
      .body.builds;
  const repository = () => ({ full_name: 'o/r', clone_url: repo });

  before(async () => {
    c = await startController(`${tmp.dir}/data`);
    agent = await startAgent(c, 'solo', ['linux'], tmp.dir);
    repo = makeRepo(tmp.dir, {
      agent: 'linux',
      stages: [{ name: 'deploy', credential: 'token', sh: ['echo "the token is $SECRET"'] }],
    });
    sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    const p = await api(c.url, c.admin, '/api/projects', {
      method: 'POST',
      body: JSON.stringify({
        name: 'hooked',
        repo,
        pipelineFile: 'rig-test.json',
        webhookSecret: SECRET,
      }),
    });
    assert.equal(p.status, 201);
    const cred = await api(c.url, c.admin, '/api/credentials/token', {
      method: 'PUT',
      body: JSON.stringify({ kind: 'secret', secret: 's3cr3t-value' }),
    });
    assert.equal(cred.status, 201);
  });
  after(async () => {
    await agent.kill('SIGKILL');
    await c.kill();
    tmp.remove();
  });

  const push = (): string =>
    JSON.stringify({
      ref: 'refs/heads/main',
      before: '0'.repeat(40),
      after: sha,
      repository: repository(),
      pusher: { name: 'dev' },
    });

  it('answers a bad signature with 401 and queues nothing', async () => {
    const res = await deliver('push', push(), 'd-bad', sign(push(), 'wrong'));
    assert.equal(res.status, 401);
    assert.equal((await builds()).length, 0);
  });

  it('builds a delivery once however often it arrives, and masks the secret in the log', async () => {
    const first = await deliver('push', push(), 'd-1');
    assert.equal(first.status, 201);
    const again = await deliver('push', push(), 'd-1');
    assert.equal(((await again.json()) as { status: string }).status, 'duplicate');
    const list = await builds();
    assert.equal(list.length, 1);
    const build = await finished(c, list[0]?.id ?? '');
    const why = async (): Promise<string> =>
      [
        ...(await streamLines(c, build.id, 'system')),
        ...(await streamLines(c, build.id, build.jobs[0]?.id ?? '')),
      ].join('\n');
    assert.equal(build.result, 'SUCCESS', await why());
    const log = (await streamLines(c, build.id, build.jobs[0]?.id ?? '')).join('\n');
    assert.match(log, /the token is \*\*\*\*/);
    assert.doesNotMatch(log, /s3cr3t-value/);
  });

  it('gives no secret to a pull request from a fork', async () => {
    const pr = JSON.stringify({
      action: 'opened',
      number: 7,
      pull_request: {
        title: 'x',
        user: { login: 'stranger' },
        head: { ref: 'feature', sha, repo: { full_name: 'stranger/r', clone_url: repo } },
        base: { ref: 'main', sha, repo: repository() },
      },
      repository: repository(),
    });
    const res = await deliver('pull_request', pr, 'd-pr');
    assert.equal(res.status, 201);
    const id = ((await res.json()) as { build: { id: string } }).build.id;
    const build = await finished(c, id);
    assert.equal(build.result, 'FAILURE');
    const log = (await streamLines(c, id, build.jobs[0]?.id ?? '')).join('\n');
    assert.match(log, /not given to builds of pull requests from forks/);
    assert.doesNotMatch(log, /s3cr3t-value/);
    await waitFor('nothing else queued', async () => (await builds()).length === 2);
  });
});
