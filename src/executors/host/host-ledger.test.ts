/**
 * The ledger on the real host: a job that creates a netns (recorded in its
 * ledger file), a netns with a process in it, a veth into it, a mount in its
 * workspace and a podman container, then hangs. Teardown removes all of it,
 * says so in the report, and leaves alone what it cannot trace to the job —
 * including a netns someone else creates on the host meanwhile.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureTestImage } from '../../../test/support/image.ts';
import { startShell, uniqueId, waitFor } from '../conformance/harness.ts';
import type { TeardownReport } from '../contract.ts';
import { checkHostBaseline } from '../ledger/baseline.ts';
import { takeHostSnapshot } from '../ledger/snapshot.ts';
import { runCommand } from '../proc/run-command.ts';
import { createHostExecutor } from './index.ts';

const short = (prefix: string): string => uniqueId(prefix).slice(0, 15);

test('teardown removes what the job recorded or left traceably, and nothing else', async (t) => {
  const image = await ensureTestImage();
  const runtime = existsSync('/sys/fs/cgroup/hugetlb') ? [] : ['--runtime', 'runc'];
  const n = {
    recorded: short('rl-rec'),
    proc: short('rl-proc'),
    untraced: short('rl-untr'),
    other: short('rl-other'),
    veth: short('rlv'),
    peer: short('rlp'),
    ctr: uniqueId('rl-ctr'),
  };
  const workspace = await mkdtemp(join(tmpdir(), 'rig-ledger-ws-'));
  const before = await takeHostSnapshot();
  const logs: string[] = [];
  const job = await createHostExecutor().prepare({
    jobId: uniqueId('ledger'),
    workspace,
    log: (m) => logs.push(m),
  });
  let report: TeardownReport | undefined;
  try {
    const container =
      'image' in image
        ? `podman run -d ${runtime.join(' ')} --name ${n.ctr} --network none ${image.image} sleep 600 >/dev/null`
        : 'true';
    const script = [
      'set -e',
      `echo "netns ${n.recorded}" >> "$RIG_LEDGER"`,
      `ip netns add ${n.recorded}`,
      `ip netns add ${n.proc}`,
      `ip netns exec ${n.proc} sleep 600 &`,
      `ip link add ${n.veth} type veth peer name ${n.peer} netns ${n.proc}`,
      `mkdir -p mnt && mount -t tmpfs rig-test mnt`,
      container,
      `ip netns add ${n.untraced}`,
      'echo ready',
      'sleep 600',
    ].join('\n');
    const step = startShell(job, script, { cwd: workspace });
    await waitFor('the job to build its world', () => step.stdout() === 'ready\n', 60_000);
    await runCommand(['ip', 'netns', 'add', n.other]);
    report = await job.teardown();
  } finally {
    report ??= await job.teardown();
    await runCommand(['ip', 'netns', 'del', n.untraced]);
    await runCommand(['ip', 'netns', 'del', n.other]);
    // If teardown missed the mount, the assertions below say so; rm must not fail first.
    await runCommand(['umount', '--lazy', join(workspace, 'mnt')]);
    await rm(workspace, { recursive: true, force: true });
  }

  const removed = report.removed.map((e) => `${e.source} ${e.kind} ${e.id}`);
  t.diagnostic(`removed: ${removed.join(', ')}`);
  assert.ok(removed.includes(`job netns ${n.recorded}`), removed.join('\n'));
  assert.ok(removed.includes(`diff netns ${n.proc}`), removed.join('\n'));
  assert.ok(removed.includes(`diff link ${n.veth}`), removed.join('\n'));
  assert.ok(removed.includes(`diff mount ${join(workspace, 'mnt')}`), removed.join('\n'));
  assert.ok(
    removed.some((r) => r.startsWith('executor cgroup')) ||
      logs.some((l) => l.includes('no cgroup')),
  );
  if ('image' in image) {
    assert.ok(
      report.removed.some((e) => e.kind === 'container' && e.detail?.name === n.ctr),
      removed.join('\n'),
    );
  } else {
    t.diagnostic(`container part skipped: ${image.skip}`);
  }
  assert.deepEqual(report.leftovers, []);
  assert.deepEqual(report.failed, []);
  assert.ok(report.unattributed?.includes(`netns ${n.untraced}`));
  assert.ok(report.unattributed?.includes(`netns ${n.other}`));
  assert.ok(logs.some((l) => l.startsWith(`removed netns ${n.proc}`)));

  const baseline = await checkHostBaseline(before);
  const ours = Object.values(n);
  const mine = baseline.differences.filter((d) => ours.some((name) => d.includes(name)));
  assert.deepEqual(mine, []);
});

test('the baseline check reports what a job could not be made to remove', async () => {
  const before = await takeHostSnapshot();
  const name = short('rl-dirty');
  await runCommand(['ip', 'netns', 'add', name]);
  try {
    const report = await checkHostBaseline(before);
    assert.equal(report.clean, false);
    assert.ok(
      report.differences.includes(`netns ${name} was added`),
      report.differences.join('\n'),
    );
  } finally {
    await runCommand(['ip', 'netns', 'del', name]);
  }
  const after = await checkHostBaseline(before);
  assert.ok(!after.differences.some((d) => d.includes(name)));
});

test('without a cgroup, an escaped process is recorded and killed', async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'rig-ledger-ws-'));
  const job = await createHostExecutor({ cgroups: 'none' }).prepare({
    jobId: uniqueId('ledger-esc'),
    workspace,
    log: () => undefined,
  });
  try {
    const step = startShell(job, 'setsid sleep 600 & echo ready; sleep 600');
    await waitFor('the escapee', () => step.stdout() === 'ready\n');
    const report = await job.teardown();
    const processes = report.removed.filter((e) => e.kind === 'process');
    assert.equal(processes.length, 1);
    assert.equal(processes[0]!.detail?.command, 'sleep 600');
    assert.deepEqual(report.leftovers, []);
  } finally {
    await job.teardown();
    await rm(workspace, { recursive: true, force: true });
  }
});
