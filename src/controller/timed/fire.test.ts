import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import type { NewBuild } from '../store/records.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import { fireTrigger } from './fire.ts';
import { remoteHead } from './poll-scm.ts';
import type { TimedTrigger } from './trigger-timer.ts';

const log = pino({ level: 'silent' });

function repoWithCommit(dir: string): (message: string) => string {
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  return (message) => {
    git(
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.invalid',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      message,
    );
    return git('rev-parse', 'HEAD');
  };
}

test('pollSCM queues a build only when the branch head moved', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rig-poll-'));
  const store = await openSqliteStore(join(dir, 'rig.db'));
  try {
    const repo = join(dir, 'repo');
    execFileSync('mkdir', [repo]);
    const commit = repoWithCommit(repo);
    const first = commit('one');
    const project = await store.createProject({
      id: 'p1',
      name: 'polled',
      repoUrl: repo,
      pipelineFile: 'Jenkinsfile',
      branchFilters: [],
      defaultBranch: 'main',
      webhookSecret: null,
      statusRepo: null,
      statusCredentialId: null,
    });
    const queued: NewBuild[] = [];
    const deps = {
      store,
      log,
      enqueue: (b: NewBuild) => (queued.push(b), Promise.resolve()),
    };
    const trigger = { kind: 'pollSCM', spec: '* * * * *', projectId: project.id } as TimedTrigger;
    await fireTrigger(deps, trigger, Date.now());
    assert.equal(queued.length, 1, 'never built: the first poll builds');
    assert.equal(queued[0]?.commit, first);
    assert.deepEqual(queued[0]?.causes?.[0]?.cause, 'SCMTrigger');
    await fireTrigger(deps, trigger, Date.now());
    assert.equal(queued.length, 1, 'nothing moved');
    const second = commit('two');
    await fireTrigger(deps, trigger, Date.now());
    assert.equal(queued.length, 2);
    assert.equal(queued[1]?.commit, second);
    assert.equal(await store.getScmHead(project.id, 'refs/heads/main'), second);

    await fireTrigger(deps, { ...trigger, kind: 'cron', spec: 'H * * * *' }, Date.now());
    assert.equal(queued[2]?.causes?.[0]?.cause, 'TimerTrigger');
    assert.equal(queued[2]?.ref, 'main');
    assert.equal(queued[2]?.commit, undefined, 'a timer builds whatever the branch holds then');
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('remoteHead says plainly when the repository or branch is not there', async () => {
  const missing = await remoteHead('/nonexistent/rig-repo', 'refs/heads/main');
  assert.ok('error' in missing && missing.error.startsWith('git ls-remote /nonexistent/rig-repo'));
  const dir = await mkdtemp(join(tmpdir(), 'rig-poll-'));
  try {
    const commit = repoWithCommit(dir);
    commit('x');
    const r = await remoteHead(dir, 'refs/heads/nope');
    assert.deepEqual(r, { error: `${dir} has no refs/heads/nope` });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
