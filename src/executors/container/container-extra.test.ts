/** What the container executor promises beyond the conformance suite. */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ensureTestImage } from '../../../test/support/image.ts';
import { runShell, startShell, uniqueId, waitFor } from '../conformance/harness.ts';
import { ExecutorError, type Job, type JobSpec } from '../contract.ts';
import { listPids } from '../proc/proc-table.ts';
import { runCommand } from '../proc/run-command.ts';
import { createContainerExecutor } from './index.ts';

const image = await ensureTestImage();

async function withContainer(
  extra: Partial<JobSpec>,
  body: (job: Job, spec: JobSpec, logs: string[]) => Promise<void>,
): Promise<void> {
  const logs: string[] = [];
  const spec: JobSpec = {
    jobId: uniqueId('ctr'),
    workspace: await mkdtemp(join(tmpdir(), 'rig-ctr-ws-')),
    image: 'image' in image ? image.image : '',
    log: (m) => logs.push(m),
    ...extra,
  };
  const job = await createContainerExecutor().prepare(spec);
  try {
    await body(job, spec, logs);
  } finally {
    const report = await job.teardown();
    await rm(spec.workspace, { recursive: true, force: true });
    assert.deepEqual(report.leftovers, []);
  }
}

describe('container executor', { skip: 'skip' in image ? image.skip : false }, () => {
  it('a missing image is a clear ExecutorError and leaves nothing behind', async () => {
    const jobId = uniqueId('ctr-missing');
    const workspace = await mkdtemp(join(tmpdir(), 'rig-ctr-ws-'));
    try {
      const prepare = createContainerExecutor().prepare({
        jobId,
        workspace,
        image: `localhost/rig-no-such-image-${jobId}:1`,
        log: () => undefined,
      });
      await assert.rejects(prepare, (e: unknown) => {
        assert.ok(e instanceof ExecutorError);
        assert.match(e.message, /image localhost\/rig-no-such-image-.* is not on this host/);
        return true;
      });
      assert.deepEqual(
        (await readdir(tmpdir())).filter((n) => n.includes(jobId)),
        [],
      );
      const exists = await runCommand(['podman', 'container', 'exists', `rig-${jobId}`]);
      assert.equal(exists.code, 1);
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });

  it('the container carries the job label and steps enter through the OCI runtime', async () => {
    await withContainer({}, async (_job, spec, logs) => {
      const ps = await runCommand([
        'podman',
        'ps',
        '--filter',
        `label=rig.job=${spec.jobId}`,
        '--format',
        '{{.Names}}',
      ]);
      assert.equal(ps.stdout.trim(), `rig-${spec.jobId}`);
      assert.ok(
        logs.some((l) => /steps enter by (crun|runc) exec/.test(l)),
        logs.join('\n'),
      );
    });
  });

  it('step environment never appears on a host command line', async () => {
    const secret = uniqueId('s3cret');
    await withContainer({}, async (job) => {
      const step = startShell(job, 'echo "$TOKEN" | wc -c; sleep 600', { env: { TOKEN: secret } });
      await waitFor('the step', () => step.stdout() !== '');
      assert.equal(step.stdout().trim(), String(secret.length + 1));
      for (const pid of await listPids()) {
        const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        assert.ok(!cmdline.includes(secret), `pid ${pid}: ${cmdline}`);
      }
    });
  });

  it('privileged: a job builds a netns, a veth pair and a mount inside', async () => {
    await withContainer({ privileged: true }, async (job) => {
      const r = await runShell(
        job,
        [
          'set -e',
          'ip netns add inner',
          'ip link add va type veth peer name vb netns inner',
          'ip addr add 10.78.0.1/24 dev va; ip link set va up',
          'ip -n inner addr add 10.78.0.2/24 dev vb; ip -n inner link set vb up',
          'ping -c 1 -W 2 10.78.0.2 >/dev/null',
          'mkdir -p /mnt/x && mount -t tmpfs x /mnt/x',
          'echo ok',
        ].join('\n'),
      );
      assert.equal(r.stdout, 'ok\n', r.stderr);
    });
  });

  it('unprivileged: the same job is refused by the kernel', async () => {
    await withContainer({}, async (job) => {
      const r = await runShell(job, 'ip netns add inner');
      assert.notEqual(r.status.code, 0);
    });
  });

  it('uplink: the container reaches a service on the host', async () => {
    const server = createServer((socket) => socket.end('hello from the host\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      await withContainer({ network: 'uplink' }, async (job) => {
        const r = await runShell(job, `bash -c 'exec 3<>/dev/tcp/10.0.2.2/${port}; cat <&3'`);
        assert.equal(r.stdout, 'hello from the host\n', r.stderr);
      });
    } finally {
      server.close();
    }
  });
});
