/**
 * What the sandbox promises beyond the conformance suite: a job can build
 * networks, mounts and containers inside; the host never sees them; all of
 * it dies with the sandbox; the uplink reaches the host.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureTestImage } from '../../../test/support/image.ts';
import { runShell, startShell, uniqueId } from '../conformance/harness.ts';
import type { Job, JobSpec, TeardownReport } from '../contract.ts';
import { checkHostBaseline } from '../ledger/baseline.ts';
import { takeHostSnapshot } from '../ledger/snapshot.ts';
import { findMarked, listPids } from '../proc/proc-table.ts';
import { createSandboxExecutor, type SandboxExecutorOptions } from './index.ts';

const LISTENER =
  '$s=IO::Socket::INET->new(LocalAddr=>"10.77.0.2",LocalPort=>7777,Listen=>1,ReuseAddr=>1) or die;' +
  ' $c=$s->accept; print $c "pong\\n"';

async function withSandbox(
  body: (job: Job, spec: JobSpec) => Promise<void>,
  extra: Partial<JobSpec> = {},
  options: SandboxExecutorOptions = {},
): Promise<TeardownReport> {
  const spec: JobSpec = {
    jobId: uniqueId('sbx'),
    workspace: await mkdtemp(join(tmpdir(), 'rig-sbx-ws-')),
    log: () => undefined,
    ...extra,
  };
  const job = await createSandboxExecutor(options).prepare(spec);
  try {
    await body(job, spec);
  } finally {
    await job.teardown();
    await rm(spec.workspace, { recursive: true, force: true });
  }
  return job.teardown();
}

test('netns, veth, tmpfs and a podman container inside; none reach the host; all die with it', async (t) => {
  const image = await ensureTestImage();
  const ns = uniqueId('sbx-ns');
  const before = await takeHostSnapshot();
  let containerPid = 0;
  const report = await withSandbox(async (job) => {
    const run =
      'image' in image
        ? `podman run -d --name inner --network none ${image.image} sleep 600`
        : 'true';
    const script = [
      'set -e',
      `ip netns add ${ns}`,
      `ip link add va type veth peer name vb netns ${ns}`,
      `ip addr add 10.77.0.1/24 dev va && ip link set va up`,
      `ip -n ${ns} addr add 10.77.0.2/24 dev vb && ip -n ${ns} link set vb up && ip -n ${ns} link set lo up`,
      // perl-base is on every Debian: a one-shot listener in the inner netns.
      `ip netns exec ${ns} perl -MIO::Socket::INET -e '${LISTENER}' &`,
      "for i in $(seq 50); do r=$(bash -c 'exec 3<>/dev/tcp/10.77.0.2/7777 && cat <&3' 2>/dev/null) && break; sleep 0.1; done",
      'test "$r" = pong',
      'mkdir -p /mnt/rig-inner && mount -t tmpfs inner /mnt/rig-inner',
      `${run} >/dev/null`,
      'echo built',
    ].join('\n');
    const r = await runShell(job, script);
    assert.equal(r.stderr.replace(/.*WARN.*\n/g, ''), '');
    assert.equal(r.stdout, 'built\n');
    assert.equal(existsSync(`/run/netns/${ns}`), false, 'the netns stays inside');
    assert.ok(!(await readFile('/proc/self/mountinfo', 'utf8')).includes('/mnt/rig-inner'));
    if ('image' in image) {
      const inspect = await runShell(job, "podman inspect --format '{{.State.Pid}}' inner");
      assert.match(inspect.stdout, /^\d+\n$/);
      const host = await findMarked({ jobId: job.id });
      containerPid = host.length;
    } else t.diagnostic(`container part skipped: ${image.skip}`);
  });
  assert.deepEqual(report.leftovers, []);
  assert.deepEqual(report.failed, []);
  assert.ok(report.removed.some((e) => e.detail?.role === 'sandbox namespaces'));
  if ('image' in image) {
    assert.ok(containerPid > 0);
    assert.ok(report.removed.some((e) => e.kind === 'cgroup' && e.id.includes('libpod-')));
  }
  const baseline = await checkHostBaseline(before);
  assert.deepEqual(
    baseline.differences.filter((d) => d.includes(ns) || d.includes('libpod-')),
    [],
  );
});

test('a process with no marker outside the job cgroup still dies with the sandbox', async () => {
  let pids: number[] = [];
  await withSandbox(
    async (job) => {
      const step = startShell(job, 'setsid env -i /bin/sleep 6123 & echo started');
      assert.deepEqual(await step.exit, { code: 0, signal: null });
      await job.stopAll({ graceMs: 100, reason: 'cancelled' });
      pids = await sleeping('6123');
      assert.equal(pids.length, 1, 'without marker or cgroup, stopAll cannot see it');
    },
    {},
    { cgroups: 'none' },
  );
  assert.deepEqual(await sleeping('6123'), []);
});

async function sleeping(arg: string): Promise<number[]> {
  const out: number[] = [];
  for (const pid of await listPids()) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmd === `/bin/sleep\0${arg}\0`) out.push(pid);
  }
  return out;
}

test('pid namespace: steps see the sandbox init as pid 1 and not the host', async () => {
  await withSandbox(async (job) => {
    const r = await runShell(
      job,
      'tr "\\0" "\\n" < /proc/1/cmdline | grep -c rig-sandbox; ls /proc | grep -c "^[0-9]"',
    );
    const [init, count] = r.stdout.split('\n');
    assert.equal(init, '1');
    assert.ok(Number(count) < 20, `sees ${count} processes`);
  });
});

test('uplink: the sandbox reaches a service on the host through NAT', async () => {
  const server = createServer((socket) => socket.end('hello from the host\n'));
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const port = (server.address() as { port: number }).port;
  const logs: string[] = [];
  try {
    const report = await withSandbox(
      async (job) => {
        const gateway = /via (\S+)/.exec(logs.find((l) => l.includes('uplink')) ?? '')?.[1];
        assert.ok(gateway, logs.join('\n'));
        const r = await runShell(job, `bash -c 'exec 3<>/dev/tcp/${gateway}/${port}; cat <&3'`);
        assert.equal(r.stdout, 'hello from the host\n', r.stderr);
      },
      { network: 'uplink', log: (m) => logs.push(m) },
    );
    assert.ok(report.removed.some((e) => e.kind === 'link' && e.detail?.uplink));
    assert.deepEqual(report.leftovers, []);
  } finally {
    server.close();
  }
});

test('without uplink the sandbox has only its loopback', async () => {
  await withSandbox(async (job) => {
    const r = await runShell(job, 'ip -o link show | cut -d: -f2');
    assert.equal(r.stdout.trim(), 'lo');
  });
});

test('user namespace (opt-in): root inside, not outside', async () => {
  await withSandbox(
    async (job) => {
      const r = await runShell(job, 'id -u; cat /proc/self/uid_map');
      const [uid, map] = r.stdout.split('\n');
      assert.equal(uid, '0');
      assert.match(map ?? '', /^\s*0\s+0\s+1$/);
    },
    {},
    { userns: true },
  );
});

test('a workspace under /run is refused with a reason', async () => {
  await assert.rejects(
    createSandboxExecutor().prepare({
      jobId: uniqueId('sbx'),
      workspace: '/run',
      log: () => undefined,
    }),
    /cannot keep a workspace at \/run/,
  );
});

for (const setup of ['auto', 'sh'] as const) {
  test(`the sandbox's view of the host (holder set-up: ${setup})`, async () => {
    await withSandbox(
      async (job, spec) => {
        const script = [
          'ls /sys/class/net',
          'ls -A /tmp | tr "\\n" " "; echo',
          `test -d ${spec.workspace} && echo workspace`,
          `test -d ${job.tmpDir} && echo scratch`,
          'ls /run | grep -vx -e lock -e mount | wc -l',
          'test -f /sys/fs/cgroup/freezer/cgroup.procs -o -f /sys/fs/cgroup/cgroup.procs && echo cgroups',
          'grep -c " /sys/fs/bpf .* - bpf " /proc/self/mountinfo',
        ].join('; ');
        const r = await runShell(job, script);
        const tmp = [spec.workspace, job.tmpDir]
          .map((p) => p.split('/')[2])
          .sort()
          .join(' ');
        assert.equal(r.stdout, `lo\n${tmp} \nworkspace\nscratch\n0\ncgroups\n1\n`, r.stderr);
      },
      {},
      { holderSetup: setup },
    );
  });
}
