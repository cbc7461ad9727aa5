/**
 * Timer triggers through the whole controller: a project's Jenkinsfile says
 * `triggers { cron(…); pollSCM(…) }`; adding the project registers them, and
 * when their minute comes builds are queued with Jenkins' causes. Time is a
 * manual clock; git, SQLite and the HTTP API are real.
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
import { ManualClock } from '../../src/controller/timed/test-clock.ts';
import { tempDir, waitFor } from './support/cluster.ts';

const jenkinsfile = `pipeline {
  agent { label 'nobody-has-this' }
  triggers {
    cron('H/15 * * * *')
    pollSCM('*/5 * * * *')
  }
  stages { stage('a') { steps { sh 'true' } } }
}
`;

describe('timer triggers', () => {
  const tmp = tempDir('triggers');
  const clock = new ManualClock(Date.UTC(2026, 2, 2, 9, 0, 10));
  let c: Controller;
  let admin: string;
  // A fire still under way when time jumps to the next would be skipped (as Jenkins skips a
  // poll still running): each step waits for the timer to be done.
  const settle = (): Promise<void> => c.triggers.settled();
  const call = async (path: string, init: RequestInit = {}): Promise<Response> =>
    c.app.request(path, {
      ...init,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    });
  const builds = async (): Promise<Array<{ causes: Array<{ cause: string }>; commit: string }>> =>
    ((await (await call('/api/builds?project=timed')).json()) as { builds: [] }).builds;

  before(async () => {
    c = await createController({
      dataDir: join(tmp.dir, 'data'),
      log: pino({ level: process.env.RIG_TEST_LOG ?? 'silent' }, pino.destination(2)),
      parse: parseJenkinsfilePipeline,
      coordinator: null,
      clock,
    });
    admin = (await issueToken(c.store, 'admin', 'user', ['admin'])).token;
  });
  after(async () => {
    await c.close();
    tmp.remove();
  });

  it('registers the pipeline triggers when the project is added, then fires them on their minute', async () => {
    const repo = join(tmp.dir, 'repo');
    mkdirSync(repo);
    writeFileSync(join(repo, 'Jenkinsfile'), jenkinsfile);
    const git = (...a: string[]): string =>
      execFileSync('git', a, { cwd: repo, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'ci');
    const res = await call('/api/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'timed', repo }),
    });
    assert.equal(res.status, 201);
    const registered = await waitFor('triggers registered', async () => {
      const list = c.triggers.list();
      return Promise.resolve(list.length === 2 && list);
    });
    assert.deepEqual(registered.map((t) => t.kind).sort(), ['cron', 'pollSCM']);
    const project = (await (await call('/api/projects/timed')).json()) as {
      triggers: unknown[];
    };
    assert.equal(project.triggers.length, 2);

    // An hour of manual time: pollSCM builds once (never built before), cron builds 4 times.
    await clock.advanceTo(clock.now() + 60 * 60_000, settle);
    let seen: unknown = null;
    await waitFor('builds queued', async () => {
      const list = await builds();
      seen = list.map((b) => b.causes[0]?.cause);
      return list.length === 5;
    }).catch((err: unknown) => {
      throw new Error(`${String(err)}; queued: ${JSON.stringify(seen)}`);
    });
    const causes = (await builds()).map((b) => b.causes[0]?.cause).sort();
    assert.deepEqual(causes, [
      'SCMTrigger',
      'TimerTrigger',
      'TimerTrigger',
      'TimerTrigger',
      'TimerTrigger',
    ]);
    assert.equal(clock.maxPending, 1, 'one timer armed at a time');
  });
});
