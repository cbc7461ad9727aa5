import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { credentialContext } from '../credentials.ts';
import { startGitHubStandIn } from '../forge/github-standin.ts';
import type { GitHubStandIn } from '../forge/github-standin.ts';
import { CredentialVault } from '../secrets/index.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import type { Store } from '../store/store.ts';
import { CommitStatusReporter, stateFor } from './commit-status.ts';

const sha = 'c'.repeat(40);

async function setup(
  fn: (s: {
    store: Store;
    gh: GitHubStandIn;
    reporter: CommitStatusReporter;
    notes: string[];
  }) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rig-status-'));
  const store = await openSqliteStore(join(dir, 'rig.db'));
  const gh = await startGitHubStandIn({ token: 'gh-token', repos: ['acme/infra'] });
  const vault = new CredentialVault(new Map([[1, randomBytes(32)]]));
  const notes: string[] = [];
  try {
    await store.putCredential({
      id: 'gh',
      kind: 'secret',
      description: '',
      sealed: vault.sealJson({ kind: 'secret', secret: 'gh-token' }, credentialContext('gh')),
      createdAt: 0,
      updatedAt: 0,
    });
    await store.createProject({
      id: 'p1',
      name: 'infra',
      repoUrl: '/srv/infra',
      pipelineFile: 'Jenkinsfile',
      branchFilters: [],
      defaultBranch: 'main',
      webhookSecret: null,
      statusRepo: 'acme/infra',
      statusCredentialId: 'gh',
      statusBaseUrl: gh.url,
    });
    const reporter = new CommitStatusReporter({
      store,
      vault,
      log: pino({ level: 'silent' }),
      note: (_build, text) => (notes.push(text), Promise.resolve()),
      config: {
        baseUrl: 'http://127.0.0.1:1',
        buildUrl: (b, p) => `http://rig.test/builds/${b.id}?project=${p.name}`,
      },
    });
    await fn({ store, gh, reporter, notes });
  } finally {
    await gh.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('pending when a build starts, the result when it ends, in that order, linking the build', () =>
  setup(async ({ store, gh, reporter }) => {
    const b = await store.createBuild({
      projectId: 'p1',
      repoUrl: '/srv/infra',
      pipelineFile: 'J',
      commit: sha,
    });
    await store.updateBuild(b.id, { status: 'running' });
    const started = reporter.report(b.id, 'started');
    await store.updateBuild(b.id, { status: 'finished', result: 'FAILURE' });
    void started;
    await reporter.report(b.id, 'finished');
    await reporter.idle();
    assert.deepEqual(
      gh.statuses.map((s) => [s.repo, s.sha, s.state, s.context, s.target_url]),
      [['acme/infra', sha, 'failure', 'rig/infra', `http://rig.test/builds/${b.id}?project=infra`]],
      'a start that goes out after the end is dropped: pending never lands after the result',
    );
    const c = await store.createBuild({
      projectId: 'p1',
      repoUrl: '/srv/infra',
      pipelineFile: 'J',
      commit: sha,
    });
    await store.updateBuild(c.id, { status: 'running' });
    await reporter.report(c.id, 'started');
    await store.updateBuild(c.id, { status: 'finished', result: 'SUCCESS' });
    await reporter.report(c.id, 'finished');
    assert.deepEqual(
      gh.statuses.slice(1).map((s) => [s.state, s.description]),
      [
        ['pending', `Build #2 is running`],
        ['success', `Build #2: SUCCESS`],
      ],
    );
    assert.equal(gh.requests[1]?.headers.authorization, 'Bearer gh-token');
  }));

test('a forge that refuses is noted in the build log, and projects without statuses post nothing', () =>
  setup(async ({ store, gh, reporter, notes }) => {
    const b = await store.createBuild({
      projectId: 'p1',
      repoUrl: '/srv/infra',
      pipelineFile: 'J',
      commit: sha,
    });
    gh.failNext({ status: 401, body: { message: 'Bad credentials' } });
    await reporter.report(b.id, 'started');
    assert.equal(notes.length, 1);
    assert.match(
      notes[0] ?? '',
      /Commit status pending for acme\/infra@cccccccccccc failed after 1 attempt\(s\): .*Bad credentials/,
    );
    await store.updateProject('p1', { statusRepo: null });
    await reporter.report(b.id, 'started');
    assert.equal(gh.requests.length, 1);
  }));

test('results map to GitHub states', () => {
  assert.deepEqual(
    (['SUCCESS', 'UNSTABLE', 'FAILURE', 'ABORTED', 'NOT_BUILT'] as const).map(stateFor),
    ['success', 'failure', 'failure', 'error', 'error'],
  );
});
