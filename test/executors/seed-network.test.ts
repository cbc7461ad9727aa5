/**
 * The seed's flagship scenario at executor level (the runner and CLI wire the
 * Jenkinsfile version): examples/seed-network/test.sh through each executor —
 * to success with its post (teardown.sh), stopped mid-test as a timeout
 * would, cancelled as Ctrl-C would (stopAll), and killing itself. After each,
 * the host is back at its baseline: no netns, link, mount, container, cgroup
 * or process of the job left.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import {
  runShell,
  startShell,
  uniqueId,
  waitFor,
} from '../../src/executors/conformance/harness.ts';
import type { Executor, Job, TeardownReport } from '../../src/executors/contract.ts';
import { createHostExecutor } from '../../src/executors/host/index.ts';
import { checkHostBaseline } from '../../src/executors/ledger/baseline.ts';
import { takeHostSnapshot } from '../../src/executors/ledger/snapshot.ts';
import { findMarked } from '../../src/executors/proc/proc-table.ts';
import { runCommand } from '../../src/executors/proc/run-command.ts';
import { createSandboxExecutor } from '../../src/executors/sandbox/index.ts';
import { ensureTestImage } from '../support/image.ts';

const image = await ensureTestImage();
const scripts = resolve(import.meta.dirname, '../../examples/seed-network');
const BUILT = /the containers talk through seed-/;

type Ending = 'success' | 'timeout' | 'cancel' | 'self-kill';

const executors: Array<[string, () => Executor, string | false]> = [
  ['host', () => createHostExecutor(), false],
  ['sandbox', () => createSandboxExecutor(), false],
  [
    'container',
    () => {
      throw new Error('unreachable');
    },
    'the scenario runs podman inside the job; the test image has no podman (nested podman needs an image with it)',
  ],
];

async function scenario(
  create: () => Executor,
  ending: Ending,
): Promise<{ report: TeardownReport; names: string[] }> {
  const jobId = uniqueId(`seed-${ending}`);
  const suffix = createHash('md5').update(jobId).digest('hex').slice(0, 8);
  const names = [`seed-${suffix}`, `seed-a-${suffix}`, `seed-b-${suffix}`];
  const workspace = await mkdtemp(join(tmpdir(), 'rig-seed-ws-'));
  // The scripts go in the workspace: a sandbox hides the host's /tmp, where a clone may live.
  await cp(scripts, workspace, { recursive: true });
  const before = await takeHostSnapshot();
  const job = await create().prepare({ jobId, workspace, log: () => undefined, env: env() });
  let report: TeardownReport;
  try {
    await drive(job, ending);
  } finally {
    report = await job.teardown();
    await rm(workspace, { recursive: true, force: true });
  }
  assert.deepEqual(report.failed, []);
  assert.deepEqual(report.leftovers, []);
  await assertBaseline(before, names, jobId);
  return { report, names };
}

function env(): Record<string, string> {
  return { SEED_IMAGE: 'image' in image ? image.image : '' };
}

async function drive(job: Job, ending: Ending): Promise<void> {
  const test = `exec ${job.workspaceInside}/test.sh`;
  if (ending === 'success') {
    const r = await runShell(job, test, { stepId: 'test' });
    assert.deepEqual(r.status, { code: 0, signal: null }, r.stderr);
    assert.match(r.stdout, BUILT);
    const post = await runShell(job, `${job.workspaceInside}/teardown.sh`, {
      stepId: 'post-always',
    });
    assert.equal(post.status.code, 0, post.stderr);
    return;
  }
  if (ending === 'self-kill') {
    const r = await runShell(job, test, { stepId: 'test', env: { SEED_SUICIDE: '1' } });
    assert.deepEqual(r.status, { code: null, signal: 'SIGKILL' }, r.stderr);
    return;
  }
  const step = startShell(job, test, { stepId: 'test', env: { SEED_HOLD: '600' } });
  let ended = false;
  void step.exit.then(() => (ended = true));
  await waitFor('the network to be built', () => BUILT.test(step.stdout()) || ended, 120_000);
  assert.match(step.stdout(), BUILT, step.stderr());
  if (ending === 'timeout') await step.proc.stop({ graceMs: 2000, reason: 'timeout' });
  else await job.stopAll({ graceMs: 2000, reason: 'cancelled' });
  assert.notEqual((await step.exit).signal, null);
}

async function assertBaseline(
  before: Awaited<ReturnType<typeof takeHostSnapshot>>,
  names: string[],
  jobId: string,
): Promise<void> {
  const baseline = await checkHostBaseline(before);
  const ours = baseline.differences.filter(
    (d) => names.some((n) => d.includes(n)) || d.includes(jobId),
  );
  assert.deepEqual(ours, []);
  const netns = await runCommand(['ip', 'netns', 'list']);
  assert.ok(!names.some((n) => netns.stdout.includes(n)));
  const containers = await runCommand(['podman', 'ps', '-a', '--format', '{{.Names}}']);
  assert.ok(!names.some((n) => containers.stdout.includes(n)));
  assert.deepEqual(await findMarked({ jobId }), []);
}

for (const [name, create, reason] of executors) {
  describe(
    `seed network scenario: ${name}`,
    { skip: reason || ('skip' in image ? image.skip : false) },
    () => {
      for (const ending of ['success', 'timeout', 'cancel', 'self-kill'] as const) {
        it(`${ending}: the host is back at its baseline`, { timeout: 240_000 }, async () => {
          const { report } = await scenario(create, ending);
          if (ending !== 'success' && name === 'host') {
            const removed = report.removed.map((e) => `${e.kind} ${e.id}`);
            assert.ok(
              report.removed.some((e) => e.kind === 'container' && e.source === 'job'),
              removed.join('\n'),
            );
            assert.ok(
              report.removed.some((e) => e.kind === 'netns'),
              removed.join('\n'),
            );
          }
        });
      }
    },
  );
}
