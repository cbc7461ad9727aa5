/**
 * Quarantine end to end, as a user runs it: `rig serve` and `rig agent` (the
 * real runner, host executor). A job records a scratch directory in its
 * ledger and makes a file in it immutable, so teardown cannot remove it: the
 * agent quarantines itself, the API says why, the next build waits; once the
 * admin cleaned up, `rig agents --clear-quarantine` lets it run.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { collect, spawnCli } from '../support/cli.ts';
import { tempDir } from './support/cluster.ts';

const tmp = tempDir('quarantine');
const stuck = join('/tmp', `rig-q-${randomBytes(4).toString('hex')}`);
const admin = `rig_u_${randomBytes(24).toString('base64url')}`;
const children: Array<ReturnType<typeof spawnCli>> = [];

function unstick(): void {
  if (!existsSync(stuck)) return;
  execFileSync('chattr', ['-i', join(stuck, 'stuck')]);
  rmSync(stuck, { recursive: true, force: true });
}

after(() => {
  for (const c of children) c.kill('SIGKILL');
  unstick();
  tmp.remove();
});

const PIPELINE = `pipeline {
  agent any
  parameters { booleanParam(name: 'LEAVE', defaultValue: false) }
  stages {
    stage('Work') {
      steps {
        sh '''
          if [ "$LEAVE" = true ]; then
            echo "tmpdir ${stuck}" >> "$RIG_LEDGER"
            mkdir -p ${stuck} && touch ${stuck}/stuck && chattr +i ${stuck}/stuck
          fi
          echo worked
        '''
      }
    }
  }
}
`;

function gitRepo(): string {
  const repo = join(tmp.dir, 'repo');
  mkdirSync(repo);
  writeFileSync(join(repo, 'Jenkinsfile'), PIPELINE);
  const git = (...args: string[]): unknown => execFileSync('git', args, { cwd: repo });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'pipeline');
  return repo;
}

async function serve(): Promise<string> {
  const proc = spawnCli(
    ['serve', '--no-local-agent', '--port', '0', '--data', join(tmp.dir, 'data')],
    tmp.dir,
    { RIG_ADMIN_TOKEN: admin, RIG_LOG_LEVEL: 'warn' },
  );
  children.push(proc);
  for await (const line of createInterface({ input: proc.stdout! })) {
    const m = /listening on (\S+)/.exec(line);
    if (m) return m[1]!;
  }
  throw new Error('rig serve exited before listening');
}

interface Agent {
  name: string;
  status: string;
  statusReason: string | null;
}
interface Build {
  status: string;
  result: string | null;
  jobs: Array<{ waitReason: string | null }>;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a job that leaves what teardown cannot remove quarantines its agent until cleared', async () => {
  const url = await serve();
  const api = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
    return (await res.json()) as T;
  };
  const agentOf = async (): Promise<Agent | undefined> =>
    (await api<{ agents: Agent[] }>('/api/agents')).agents.find((a) => a.name === 'q-agent');

  const { token } = await api<{ token: string }>('/api/tokens', { name: 'q', kind: 'agent' });
  const agentArgs = ['agent', '--server', url, '--token', token, '--name', 'q-agent'];
  const agent = spawnCli([...agentArgs, '--data', join(tmp.dir, 'agent')], tmp.dir, {
    RIG_LOG_LEVEL: 'warn',
  });
  children.push(agent);
  await until('the agent online', async () =>
    (await agentOf())?.status === 'online' ? true : undefined,
  );
  await api('/api/projects', { name: 'q', repo: gitRepo(), defaultBranch: 'main' });

  const dirty = await api<{ id: string }>('/api/projects/q/builds', { params: { LEAVE: true } });
  await until('the first build to finish', async () =>
    (await api<Build>(`/api/builds/${dirty.id}`)).status === 'finished' ? true : undefined,
  );
  const quarantined = await until('the quarantine', async () => {
    const a = await agentOf();
    return a?.status === 'quarantined' ? a : undefined;
  });
  assert.match(quarantined.statusReason ?? '', /teardown could not remove/);
  assert.ok(quarantined.statusReason?.includes(stuck), quarantined.statusReason ?? '');

  const next = await api<{ id: string }>('/api/projects/q/builds', {});
  const waiting = await until('the next build to say why it waits', async () => {
    const b = await api<Build>(`/api/builds/${next.id}`);
    return b.jobs[0]?.waitReason ? b : undefined;
  });
  assert.equal(waiting.status, 'running');
  assert.match(waiting.jobs[0]!.waitReason!, /quarantined/);

  unstick();
  const cleared = await collect(
    spawnCli(
      ['agents', '--clear-quarantine', 'q-agent', '--server', url, '--token', admin],
      tmp.dir,
    ),
  );
  assert.equal(cleared.code, 0, cleared.stderr);
  assert.match(cleared.stdout, /q-agent: quarantine cleared \(was: job .*could not remove/);
  const done = await until('the waiting build to run', async () => {
    const b = await api<Build>(`/api/builds/${next.id}`);
    return b.status === 'finished' ? b : undefined;
  });
  assert.equal(done.result, 'SUCCESS');
  assert.equal((await agentOf())?.status, 'online');
});
