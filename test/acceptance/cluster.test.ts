/**
 * Issue 4, as a new user would see it: `rig serve`, three `rig agent`
 * processes with different labels, a git repository with a Jenkinsfile
 * (`agent none`, labelled stages, parallel branches), submitted with
 * `rig submit --wait`. Everything is the real CLI over loopback.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { waitFor } from './support/http.ts';
import type { Serve } from './support/rig.ts';
import { agent, agentToken, rig, run, serve, stopAll } from './support/rig.ts';
import { COUNT_SH, headOf, makeRepo, suffix, tempDir } from './support/repo.ts';

/** Each branch leaves a mark, then waits for the other's: they can only pass together. */
const MEET_SH = `#!/bin/sh
echo "$1 on $NODE_NAME" > "$MARKS/$1"
i=0
while [ ! -e "$MARKS/$2" ]; do
  i=$((i + 1)); [ "$i" -gt 600 ] && { echo "$2 never started"; exit 1; }; sleep 0.05
done
echo "$1 met $2"
`;

const FANOUT = `pipeline {
  agent none
  parameters { string(name: 'MARKS', defaultValue: '/nonexistent') }
  stages {
    stage('Build') {
      agent { label 'linux && !kvm' }
      steps { sh 'echo "built on $NODE_NAME"' }
    }
    stage('Test') {
      parallel {
        stage('kvm') {
          agent { label 'kvm' }
          steps {
            sh './meet.sh kvm arm'
            sh './count.sh kvm 200'
          }
        }
        stage('arm') {
          agent { label 'arm' }
          steps {
            sh './meet.sh arm kvm'
            sh './count.sh arm 200'
          }
        }
      }
    }
  }
  post { always { echo 'post: always ran' } }
}
`;

/** A top-level credential inherited by a stage on one agent, and one fetched on another. */
const SECRETS = `pipeline {
  agent none
  environment { DEPLOY = credentials('deploy-token') }
  stages {
    stage('inherited') {
      agent { label 'arm' }
      steps { sh 'echo "inherited: $DEPLOY"' }
    }
    stage('own') {
      agent { label 'linux' }
      steps {
        withCredentials([string(credentialsId: 'deploy-token', variable: 'T')]) {
          sh 'echo "own: $T"'
        }
      }
    }
  }
}
`;

const numbered = (name: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${name}-${i + 1}`);

describe('rig serve with three labelled agents', () => {
  const tmp = tempDir('cluster');
  let s: Serve;

  before(async () => {
    s = await serve({ data: join(tmp.dir, 'data') });
    const token = await agentToken(s);
    await Promise.all([
      agent(s, token, 'linux-1', ['linux'], tmp.dir),
      agent(s, token, 'kvm-1', ['linux', 'kvm'], tmp.dir),
      agent(s, token, 'arm-1', ['arm'], tmp.dir),
    ]);
  });
  after(async () => {
    await stopAll();
    tmp.remove();
  });

  it('lists the three agents with their labels (rig agents)', async () => {
    const r = await run(['agents'], s.env);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.split('\n').filter(Boolean).sort();
    assert.equal(rows.length, 3, r.stdout);
    assert.match(rows[0] ?? '', /^arm-1 +online +0\/1 +\[arm\]/);
    assert.match(rows[1] ?? '', /^kvm-1 +online +0\/1 +\[linux, kvm\]/);
    assert.match(rows[2] ?? '', /^linux-1 +online +0\/1 +\[linux\]/);
  });

  it('runs parallel branches on different agents at the same time; logs complete and ordered', async () => {
    const repo = makeRepo(tmp.dir, `fanout-${suffix()}`, {
      Jenkinsfile: FANOUT,
      'meet.sh': MEET_SH,
      'count.sh': COUNT_SH,
    });
    const marks = join(tmp.dir, 'marks');
    mkdirSync(marks);
    const submitted = await run(['submit', '--wait', '--param', `MARKS=${marks}`], s.env, repo);
    assert.equal(submitted.code, 0, submitted.stderr + submitted.stdout);

    const id = /\((b[0-9a-f]+)\)/.exec(submitted.stderr)?.[1] ?? '';
    const build = await s.api.finished(id);
    assert.equal(build.result, 'SUCCESS');
    const unit = (path: string) => build.jobs.find((j) => j.unitPath === path);
    assert.equal(unit('Build')?.agent, 'linux-1');
    assert.equal(unit('Test/kvm')?.agent, 'kvm-1');
    assert.equal(unit('Test/arm')?.agent, 'arm-1');
    // The branches met (meet.sh), each on its own agent, and the API's times overlap.
    assert.equal(readFileSync(join(marks, 'kvm'), 'utf8').trim(), 'kvm on kvm-1');
    assert.equal(readFileSync(join(marks, 'arm'), 'utf8').trim(), 'arm on arm-1');
    const [kvm, arm] = [unit('Test/kvm'), unit('Test/arm')];
    assert.ok((kvm?.startedAt ?? 0) < (arm?.finishedAt ?? 0));
    assert.ok((arm?.startedAt ?? 0) < (kvm?.finishedAt ?? 0));

    // Every numbered line stored once, in order, in its unit's stream …
    for (const name of ['kvm', 'arm']) {
      const stored = await s.api.lines(id, unit(`Test/${name}`)?.id ?? '');
      assert.deepEqual(
        stored.filter((l) => new RegExp(`^${name}-\\d+$`).test(l)),
        numbered(name, 200),
      );
    }
    // … and in what `rig submit --wait` streamed, and in `rig logs`.
    const streamed = submitted.stdout.split('\n');
    for (const name of ['kvm', 'arm'])
      assert.deepEqual(
        streamed.filter((l) => new RegExp(`^${name}-\\d+$`).test(l)),
        numbered(name, 200),
      );
    assert.ok(streamed.includes('built on linux-1'));
    assert.ok(streamed.includes('post: always ran'));
    const logs = await run(['logs', id], s.env);
    assert.equal(logs.code, 0, logs.stderr);
    for (const name of ['kvm', 'arm'])
      assert.deepEqual(
        logs.stdout.split('\n').filter((l) => new RegExp(`^${name}-\\d+$`).test(l)),
        numbered(name, 200),
      );
  });
});

const CANCEL = `pipeline {
  agent { label 'arm' }
  stages {
    stage('long') { steps { sh 'echo started; sleep 60; echo not cancelled' } }
  }
  post {
    aborted { echo 'post: aborted ran' }
    always { echo 'post: always ran' }
  }
}
`;

describe('cancel, webhooks and secrets through the CLI', () => {
  const tmp = tempDir('cli');
  let s: Serve;
  const SECRET = 's3cr3t-deploy-value';
  const HOOK = 'hook-secret';

  before(async () => {
    s = await serve({ data: join(tmp.dir, 'data') });
    const token = await agentToken(s);
    await Promise.all([
      agent(s, token, 'lin', ['linux'], tmp.dir),
      agent(s, token, 'arm', ['arm'], tmp.dir),
    ]);
    const cred = await s.api.call('/api/credentials/deploy-token', {
      method: 'PUT',
      body: JSON.stringify({ kind: 'secret', secret: SECRET }),
    });
    assert.equal(cred.status, 201);
  });
  after(async () => {
    await stopAll();
    tmp.remove();
  });

  it('rig cancel stops a running build: ABORTED, post runs, rig submit --wait exits 1', async () => {
    const repo = makeRepo(tmp.dir, `cancel-${suffix()}`, { Jenkinsfile: CANCEL });
    const submit = rig(['submit', '--wait'], { env: s.env, cwd: repo });
    let out = '';
    submit.proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => submit.proc.once('close', r));
    await waitFor('the step to start', async () => out.split('\n').includes('started'));
    const id = /\((b[0-9a-f]+)\)/.exec(submit.stderr())?.[1] ?? '';
    const cancel = await run(['cancel', id], s.env);
    assert.equal(cancel.code, 0, cancel.stderr);
    assert.equal(await exited, 1);
    const build = await s.api.finished(id);
    assert.equal(build.result, 'ABORTED');
    const log = await s.api.lines(id, build.jobs[0]?.id ?? '');
    assert.ok(log.includes('post: aborted ran'), log.join('\n'));
    assert.ok(log.includes('post: always ran'));
    assert.ok(!log.includes('not cancelled'));
    assert.match(submit.stderr(), /ABORTED/);
  });

  describe('a project with a webhook secret and a credential', () => {
    let repo: string;
    let sha: string;
    const project = `hooked-${suffix()}`;
    const sign = (body: string, secret = HOOK): string =>
      `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const deliver = (
      event: string,
      body: string,
      id: string,
      sig = sign(body),
    ): Promise<Response> =>
      fetch(`${s.url}/api/webhooks/github/${project}`, {
        method: 'POST',
        headers: {
          'x-github-event': event,
          'x-github-delivery': id,
          'x-hub-signature-256': sig,
          'content-type': 'application/json',
        },
        body,
      });
    const builds = async (): Promise<string[]> => {
      const r = await run(['builds', '--project', project], s.env);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout.split('\n').filter(Boolean);
    };
    const repository = (): Record<string, string> => ({ full_name: 'o/r', clone_url: repo });
    const push = (): string =>
      JSON.stringify({
        ref: 'refs/heads/main',
        before: '0'.repeat(40),
        after: sha,
        repository: repository(),
        pusher: { name: 'dev' },
      });

    before(async () => {
      repo = makeRepo(tmp.dir, project, { Jenkinsfile: SECRETS });
      sha = headOf(repo);
      const added = await run(
        ['projects', 'add', project, '--repo', repo, '--webhook-secret', HOOK],
        s.env,
      );
      assert.equal(added.code, 0, added.stderr);
    });

    it('answers a bad signature with 401 and queues nothing', async () => {
      const res = await deliver('push', push(), `bad-${suffix()}`, sign(push(), 'wrong'));
      assert.equal(res.status, 401);
      assert.deepEqual(await builds(), []);
    });

    it('builds a delivery once however often it comes; the secret is masked on every agent', async () => {
      const delivery = `d-${suffix()}`;
      assert.equal((await deliver('push', push(), delivery)).status, 201);
      const again = await deliver('push', push(), delivery);
      assert.equal(((await again.json()) as { status: string }).status, 'duplicate');
      const list = await builds();
      assert.equal(list.length, 1, list.join('\n'));
      const id = list[0]?.split(/\s+/)[0] ?? '';
      const build = await s.api.finished(id);
      const logs = await run(['logs', id], s.env);
      assert.equal(build.result, 'SUCCESS', logs.stdout);
      assert.deepEqual(
        build.jobs.map((j) => [j.unitPath, j.agent]),
        [
          ['inherited', 'arm'],
          ['own', 'lin'],
        ],
      );
      assert.match(logs.stdout, /^inherited: \*\*\*\*$/m);
      assert.match(logs.stdout, /^own: \*\*\*\*$/m);
      assert.ok(!logs.stdout.includes(SECRET), logs.stdout);
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
      const res = await deliver('pull_request', pr, `pr-${suffix()}`);
      assert.equal(res.status, 201);
      const id = ((await res.json()) as { build: { id: string } }).build.id;
      const build = await s.api.finished(id);
      assert.equal(build.result, 'FAILURE');
      const logs = await run(['logs', id], s.env);
      assert.match(logs.stdout, /not given to builds of pull requests from forks/);
      assert.ok(!logs.stdout.includes(SECRET));
    });
  });
});
