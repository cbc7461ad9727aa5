/** What the job's cgroup adds over process groups + markers, and the fallback's log line. */
import assert from 'node:assert/strict';
import { access, mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectCgroups } from '../cgroup/index.ts';
import { runShell, startShell, uniqueId, waitFor } from '../conformance/harness.ts';
import type { JobSpec } from '../contract.ts';
import { sleep } from '../proc/signal.ts';
import { createHostExecutor } from './index.ts';

async function spec(logs: string[] = []): Promise<JobSpec> {
  return {
    jobId: uniqueId('hostc'),
    workspace: await mkdtemp(join(tmpdir(), 'rig-hostc-')),
    log: (m) => logs.push(m),
  };
}

const cgroups = detectCgroups();

test(
  'the job cgroup kills a process that dropped its markers (env -i) and left its group',
  { skip: cgroups.version === 'none' ? cgroups.reason : false },
  async () => {
    const s = await spec();
    const job = await createHostExecutor().prepare(s);
    try {
      const beat = join(job.tmpDir, 'beat');
      const step = startShell(
        job,
        `setsid env -i /bin/sh -c 'while :; do : > ${beat}; sleep 0.05; done' & exec sleep 600`,
      );
      await waitFor('the unmarked escapee to run', () =>
        access(beat).then(
          () => true,
          () => false,
        ),
      );
      await job.stopAll({ graceMs: 500, reason: 'cancelled' });
      await step.exit;
      await unlink(beat);
      await sleep(300);
      await assert.rejects(access(beat));
    } finally {
      await job.teardown();
      await rm(s.workspace, { recursive: true, force: true });
    }
  },
);

test('without a cgroup the build log says how the job is contained', async () => {
  const logs: string[] = [];
  const s = await spec(logs);
  const job = await createHostExecutor({ cgroups: 'none' }).prepare({ ...s, limits: { pids: 10 } });
  try {
    assert.equal((await runShell(job, 'echo ok')).stdout, 'ok\n');
    assert.ok(logs.some((l) => l.includes('process groups + marker sweep')));
    assert.ok(logs.some((l) => l.includes('limits are not applied')));
  } finally {
    await job.teardown();
    await rm(s.workspace, { recursive: true, force: true });
  }
});

test(
  'the build log names the job cgroup and its limits',
  { skip: cgroups.version === 'v1' ? false : 'needs the v1 limit controllers' },
  async () => {
    const logs: string[] = [];
    const s = await spec(logs);
    const job = await createHostExecutor().prepare({
      ...s,
      limits: { memoryBytes: 256 << 20, cpus: 1.5, pids: 500 },
    });
    await job.teardown();
    await rm(s.workspace, { recursive: true, force: true });
    const line = logs.find((l) => l.startsWith('job cgroup (v1)'));
    assert.match(line ?? '', /limits: memory 256 MiB, cpus 1.5, pids 500$/);
    assert.ok(logs.some((l) => l.startsWith('removed cgroup')));
  },
);
