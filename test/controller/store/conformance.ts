/**
 * The one suite every Store implementation passes (SQLite, PostgreSQL).
 * Each case gets a fresh store from `open`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../../src/controller/store/store.ts';

export function storeConformance(name: string, open: () => Promise<Store>, skip?: string): void {
  describe(`Store conformance: ${name}`, { skip }, () => {
    const withStore = (fn: (s: Store) => Promise<void>) => async () => {
      const store = await open();
      try {
        await fn(store);
      } finally {
        await store.close();
      }
    };

    const project = (id = 'p1') => ({
      id,
      name: `proj-${id}`,
      repoUrl: '/srv/repo',
      pipelineFile: 'Jenkinsfile',
      branchFilters: ['main', 'release/*'],
      defaultBranch: 'main',
      webhookSecret: 's3cret',
      statusRepo: null,
      statusCredentialId: null,
    });

    it(
      'stores projects and finds them by id or name',
      withStore(async (s) => {
        await s.createProject(project());
        assert.equal((await s.getProject('p1'))?.name, 'proj-p1');
        assert.deepEqual((await s.getProject('proj-p1'))?.branchFilters, ['main', 'release/*']);
        await s.updateProject('p1', { pipelineFile: 'ci/Jenkinsfile' });
        assert.equal((await s.getProject('p1'))?.pipelineFile, 'ci/Jenkinsfile');
        assert.equal((await s.getProject('p1'))?.webhookSecret, 's3cret');
        assert.deepEqual((await s.getProject('p1'))?.triggers, []);
        const triggers = [{ kind: 'cron' as const, spec: 'H H * * *' }];
        await s.updateProject('p1', { triggers, statusBaseUrl: 'http://127.0.0.1:9/api' });
        assert.deepEqual((await s.getProject('p1'))?.triggers, triggers);
        assert.equal((await s.getProject('p1'))?.statusBaseUrl, 'http://127.0.0.1:9/api');
        assert.equal(await s.getProject('nope'), undefined);
        await assert.rejects(s.createProject(project()));
      }),
    );

    it(
      'applies every change of an atomic block, or none when it fails',
      withStore(async (s) => {
        await s.createProject(project());
        const base = { projectId: 'p1', repoUrl: 'r', pipelineFile: 'J' };
        const requirement = { labelExpr: null, executor: null };
        const b = await s.createBuild(base);
        await s.atomically(async (tx) => {
          await tx.updateBuild(b.id, { status: 'running' });
          await tx.createJob({ id: 'j1', buildId: b.id, unitPath: null, requirement });
          await tx.atomically((inner) => inner.updateJob('j1', { status: 'assigned' }));
        });
        assert.equal((await s.getBuild(b.id))?.status, 'running');
        assert.equal((await s.getJob('j1'))?.status, 'assigned');
        const failed = s.atomically(async (tx) => {
          await tx.updateBuild(b.id, { status: 'finished' });
          await tx.createJob({ id: 'j2', buildId: b.id, unitPath: null, requirement });
          await tx.createBuild(base);
          throw new Error('crash in the middle');
        });
        await assert.rejects(failed, /crash in the middle/);
        assert.equal((await s.getBuild(b.id))?.status, 'running');
        assert.equal(await s.getJob('j2'), undefined);
        assert.equal((await s.listBuilds({})).length, 1);
        assert.equal((await s.createBuild(base)).number, 2, 'the rolled back number is reused');
      }),
    );

    it(
      'numbers builds per project, also under concurrency',
      withStore(async (s) => {
        await s.createProject(project('a'));
        await s.createProject(project('b'));
        const base = { repoUrl: 'r', pipelineFile: 'Jenkinsfile' };
        const made = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            s.createBuild({ ...base, projectId: i % 2 ? 'a' : 'b' }),
          ),
        );
        const numbers = (p: string) =>
          made
            .filter((b) => b.projectId === p)
            .map((b) => b.number)
            .sort((x, y) => x - y);
        assert.deepEqual(numbers('a'), [1, 2, 3, 4, 5]);
        assert.deepEqual(numbers('b'), [1, 2, 3, 4, 5]);
        const third = await s.findBuild('a', 3);
        assert.equal(third?.projectId, 'a');
      }),
    );

    it(
      'round-trips every build field and patches only what is given',
      withStore(async (s) => {
        await s.createProject(project());
        const b = await s.createBuild({
          projectId: 'p1',
          repoUrl: 'https://example.invalid/r.git',
          pipelineFile: 'Jenkinsfile',
          ref: 'refs/pull/7/head',
          commit: 'a'.repeat(40),
          branch: 'PR-7',
          params: { DEPLOY: true, NAME: 'x' },
          causes: [{ cause: 'BranchEventCause', detail: 'pull_request' }],
          changeRequest: { id: '7', target: 'main', branch: 'feature', fork: 'someone/r' },
          fromFork: true,
          changedFiles: ['a.c'],
          notBefore: 123,
        });
        const got = await s.getBuild(b.id);
        assert.deepEqual(got, b);
        await s.updateBuild(b.id, { status: 'running', startedAt: 5, placement: 'controller' });
        const after = await s.getBuild(b.id);
        assert.equal(after?.status, 'running');
        assert.equal(after?.placement, 'controller');
        assert.equal(after?.fromFork, true);
        assert.deepEqual(after?.params, { DEPLOY: true, NAME: 'x' });
      }),
    );

    it(
      'lists builds newest first, filtered by status and project',
      withStore(async (s) => {
        await s.createProject(project());
        const base = { projectId: 'p1', repoUrl: 'r', pipelineFile: 'J' };
        const one = await s.createBuild(base);
        const two = await s.createBuild(base);
        await s.updateBuild(one.id, { status: 'finished', result: 'SUCCESS', finishedAt: 9 });
        assert.deepEqual(
          (await s.listBuilds({})).map((b) => b.number),
          [2, 1],
        );
        assert.deepEqual(
          (await s.listBuilds({ status: ['queued'] })).map((b) => b.id),
          [two.id],
        );
        assert.equal((await s.previousFinished('p1', null, two.id))?.id, one.id);
        assert.equal(await s.previousFinished('p1', null, one.id), undefined);
      }),
    );

    it(
      'keeps jobs and applies chunks idempotently',
      withStore(async (s) => {
        const job = await s.createJob({
          id: 'j1',
          buildId: 'b1',
          unitPath: 'Test/linux',
          requirement: { labelExpr: 'linux && !arm', executor: null },
          inheritedEnv: { A: '1', S: 'hush' },
          secretEnv: ['S'],
        });
        assert.equal(job.status, 'queued');
        assert.deepEqual((await s.getJob('j1'))?.secretEnv, ['S']);
        assert.equal(job.maxAttempts, 2);
        const chunk = { jobId: 'j1', buildId: 'b1', source: 'j1', chunkSeq: 1, logLines: 3 };
        const events = [{ index: 0, line: 0, event: { type: 'stage.start', path: 'Test/linux' } }];
        await s.recordChunk({ ...chunk, events });
        await s.recordChunk({ ...chunk, events }); // a resend after a lost ack
        assert.equal((await s.listEvents('b1')).length, 1);
        const j = await s.getJob('j1');
        assert.equal(j?.lastChunkSeq, 1);
        assert.equal(j?.logLines, 3);
        await s.updateJob('j1', { status: 'running', agentId: 'a1' });
        assert.deepEqual(
          (await s.jobsWithStatus(['running'])).map((x) => x.id),
          ['j1'],
        );
        assert.deepEqual((await s.listJobs('b1'))[0]?.requirement, {
          labelExpr: 'linux && !arm',
          executor: null,
        });
      }),
    );

    it(
      'stores agents and tokens',
      withStore(async (s) => {
        const agent = {
          id: 'a1',
          name: 'box',
          labels: ['linux', 'kvm'],
          executors: 2,
          facts: { cpu: 'x' },
          status: 'online' as const,
          statusReason: null,
          lastSeen: 1,
          connectedAt: 1,
        };
        await s.upsertAgent(agent);
        await s.upsertAgent({ ...agent, labels: ['linux'] });
        assert.deepEqual((await s.getAgentByName('box'))?.labels, ['linux']);
        await s.updateAgent('a1', { status: 'offline', connectedAt: null });
        assert.equal((await s.getAgent('a1'))?.status, 'offline');
        await s.createToken({
          id: 't1',
          name: 'admin',
          kind: 'user',
          hash: 'h1',
          scopes: ['admin'],
          createdAt: 1,
          lastUsedAt: null,
          revoked: false,
        });
        assert.deepEqual((await s.findTokenByHash('h1'))?.scopes, ['admin']);
        await s.updateToken('t1', { revoked: true });
        assert.equal((await s.findTokenByHash('h1'))?.revoked, true);
      }),
    );

    it(
      'sees a webhook delivery once',
      withStore(async (s) => {
        const d = { deliveryId: 'd1', projectId: 'p', event: 'push', receivedAt: 1, buildId: null };
        assert.equal(await s.recordDelivery(d), true);
        assert.equal(await s.recordDelivery(d), false);
      }),
    );

    it(
      'stores artifacts, test results, credentials and cron state',
      withStore(async (s) => {
        await s.putArtifact({
          buildId: 'b',
          path: 'out/a.txt',
          size: 3,
          sha256: 'x',
          createdAt: 1,
        });
        await s.putArtifact({
          buildId: 'b',
          path: 'out/a.txt',
          size: 4,
          sha256: 'y',
          createdAt: 2,
        });
        assert.deepEqual(
          (await s.listArtifacts('b')).map((a) => a.size),
          [4],
        );
        await s.addTestResults([
          {
            buildId: 'b',
            suite: 's',
            className: 'c',
            name: 't2',
            status: 'failed',
            durationMs: 5,
            message: 'boom',
          },
          {
            buildId: 'b',
            suite: 's',
            className: 'c',
            name: 't1',
            status: 'passed',
            durationMs: 1,
            message: null,
          },
        ]);
        assert.deepEqual(
          (await s.listTestResults('b')).map((t) => t.name),
          ['t1', 't2'],
        );
        await s.putCredential({
          id: 'c',
          kind: 'secret',
          description: 'd',
          sealed: 'xx',
          createdAt: 1,
          updatedAt: 1,
        });
        await s.putCredential({
          id: 'c',
          kind: 'secret',
          description: 'd2',
          sealed: 'yy',
          createdAt: 1,
          updatedAt: 2,
        });
        assert.equal((await s.getCredential('c'))?.sealed, 'yy');
        assert.equal((await s.listCredentials()).length, 1);
        assert.equal(await s.deleteCredential('c'), true);
        assert.equal(await s.deleteCredential('c'), false);
        assert.equal(await s.getCronState('p', 'H * * * *'), undefined);
        await s.setCronState('p', 'H * * * *', 10);
        await s.setCronState('p', 'H * * * *', 20);
        assert.equal(await s.getCronState('p', 'H * * * *'), 20);
        assert.equal(await s.getScmHead('p', 'refs/heads/main'), undefined);
        await s.setScmHead('p', 'refs/heads/main', 'a'.repeat(40));
        await s.setScmHead('p', 'refs/heads/main', 'b'.repeat(40));
        assert.equal(await s.getScmHead('p', 'refs/heads/main'), 'b'.repeat(40));
      }),
    );

    it(
      'gives a lock to one holder at a time',
      withStore(async (s) => {
        const results = await Promise.all(['x:1', 'x:2', 'x:3'].map((h) => s.tryLock('db', h)));
        assert.equal(results.filter(Boolean).length, 1);
        const holder = (await s.listLocks())[0]?.holder ?? '';
        await s.releaseLock('db', 'someone-else');
        assert.equal(await s.tryLock('db', 'other'), false);
        await s.releaseLock('db', holder);
        assert.equal(await s.tryLock('db', 'other'), true);
        await s.tryLock('net', 'b7:j1');
        await s.releaseLocksOf('b7:');
        assert.deepEqual(
          (await s.listLocks()).map((l) => l.resource),
          ['db'],
        );
      }),
    );
  });
}
