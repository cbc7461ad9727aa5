/**
 * Jobs that leave things behind, through the real CLI under each executor
 * (issue 3, "what will be checked"): a step that daemonizes, double-forks,
 * creates network namespaces, links, mounts and a container — with names
 * that carry no job id and no ledger entry — and then hangs into its timeout
 * or crashes; a fork bomb under `resourceLimits(pids:)`; two sandboxed jobs
 * at once that must not see each other. After each: nothing of the job is
 * left on the host, and the log and the JSON report list what teardown
 * removed.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findMarked } from '../../src/executors/proc/proc-table.ts';
import { ensureTestImage } from '../support/image.ts';
import {
  baselineSnapshot,
  containerIdsIn,
  jobIdsIn,
  leftovers,
  startRig,
  waitForOutput,
  workspaceFrom,
  type RigResult,
} from './executors-support.ts';

const image = await ensureTestImage();
const IMAGE = 'image' in image ? image.image : '';
const PIDS_LIMIT = 64;

interface Target {
  name: string;
  args: string[];
  /** The container executor's test image has no podman: no container inside it. */
  podman: boolean;
  skip?: string | false;
}

const targets: Target[] = [
  { name: 'host', args: ['--executor', 'host'], podman: true },
  { name: 'sandbox', args: ['--executor', 'sandbox'], podman: true },
  {
    name: 'container',
    args: ['--executor', 'container'],
    podman: false,
    skip: 'skip' in image ? image.skip : false,
  },
];

/** `agent any` for host and sandbox; a privileged container from the test image otherwise. */
function agentFor(t: Target): string {
  return t.name === 'container'
    ? `agent { container { image '${IMAGE}'; privileged true } }`
    : 'agent any';
}

/**
 * Everything a careless job leaves: a daemon (setsid, fds closed), a
 * double-forked orphan, a nohup'd process, an empty netns and one with a
 * process in it, a veth pair in the host netns and one with one end in that netns, a
 * tmpfs in the workspace and one outside it, and a container. No name
 * carries the job id and nothing is recorded in $RIG_LEDGER.
 */
function leakScript(tag: string, podman: boolean, end: 'hang' | 'crash'): string {
  return [
    `( setsid sh -c 'exec sleep 600' </dev/null >/dev/null 2>&1 & )`,
    `( ( sleep 601 </dev/null >/dev/null 2>&1 & ) & )`,
    `nohup sleep 602 </dev/null >/dev/null 2>&1 &`,
    `ip netns add lk-${tag}`,
    `ip netns add lkb-${tag}`,
    `ip netns exec lkb-${tag} sleep 603 </dev/null >/dev/null 2>&1 &`,
    `ip link add lkd-${tag} type veth peer name lke-${tag}`,
    `ip link add lkv0-${tag} type veth peer name lkv1-${tag}`,
    `ip link set lkv1-${tag} netns lkb-${tag}`,
    `mkdir -p mnt-${tag} /mnt/lk-${tag}`,
    `mount -t tmpfs lk-${tag} mnt-${tag}`,
    `mount -t tmpfs lk-${tag} /mnt/lk-${tag}`,
    podman
      ? `echo "id=$(podman run -d --name lkc-${tag} --network none --ulimit nofile=20000:20000 --ulimit nproc=32768:32768 ${IMAGE} sleep 600)"`
      : 'echo "no podman in this image: no container inside the job"',
    'echo leaked-everything',
    end === 'hang' ? 'sleep 600' : 'kill -SEGV $$',
  ].join('\n');
}

function jenkinsfile(agent: string, options: string, script: string): string {
  return `pipeline {
  ${agent}
  options { ${options} }
  stages {
    stage('Leak') {
      steps {
        sh '''
${script.replaceAll('\\', '\\\\').replaceAll("'''", "\\'\\'\\'")}
'''
      }
    }
  }
}
`;
}

async function withWorkspace<T>(text: string, work: (dir: string) => Promise<T>): Promise<T> {
  const ws = await workspaceFrom([]);
  try {
    await writeFile(join(ws.dir, 'Jenkinsfile'), text);
    return await work(ws.dir);
  } finally {
    await ws.dispose();
  }
}

/** The one job's id; the log names it when the job starts. */
function jobOf(r: RigResult): string {
  const log = `${r.stdout}\n${r.stderr}`;
  const ids = jobIdsIn(r.stdout);
  assert.equal(ids.length, 1, log);
  return ids[0]!;
}

function removedLines(r: RigResult): string[] {
  const [t, ...more] = r.report?.teardown ?? [];
  assert.ok(t && more.length === 0, `one teardown in the report:\n${r.stdout}`);
  assert.deepEqual(t.failed, [], r.stdout);
  assert.deepEqual(t.leftovers, [], r.stdout);
  return t.removed.map((e) => `${e.kind} ${e.id}`);
}

// The executors run side by side (each one's cases in turn): the whole file stays near a minute.
describe('leaky jobs', { concurrency: targets.length }, () => {
  for (const target of targets) {
    describe(`under --executor ${target.name}`, { skip: target.skip ?? false }, () => {
      for (const end of ['hang', 'crash'] as const) {
        it(`a job that leaks everything and ${end}s leaves nothing`, { timeout: 180_000 }, () =>
          leakyJob(target, end),
        );
      }
      it('a fork bomb is held at the pids limit', { timeout: 180_000 }, () => forkBomb(target));
    });
  }
});

async function leakyJob(target: Target, end: 'hang' | 'crash'): Promise<void> {
  const tag = randomBytes(4).toString('hex');
  const options =
    "timeout(time: 15, unit: 'SECONDS', activity: true); killGrace(time: 1, unit: 'SECONDS')";
  const text = jenkinsfile(agentFor(target), options, leakScript(tag, target.podman, end));
  const before = await baselineSnapshot();
  try {
    await withWorkspace(text, async (dir) => {
      const r = await startRig(dir, target.args).done;
      const log = `${r.stdout}\n${r.stderr}`;
      assert.match(r.stdout, /leaked-everything/, log);
      assert.equal(r.code, 1, log);
      assert.equal(r.report?.result, end === 'hang' ? 'ABORTED' : 'FAILURE', log);
      const jobId = jobOf(r);
      assert.match(r.stdout, /\[teardown\] removed /, log);
      const removed = removedLines(r);
      const kinds = ['netns', 'link', 'mount', ...(target.podman ? ['container'] : [])];
      for (const kind of kinds) {
        const ids = kind === 'container' ? containerIdsIn(r.stdout) : [];
        assert.ok(
          removed.some((e) => e.startsWith(`${kind} `) && [tag, ...ids].some((n) => e.includes(n))),
          `teardown lists a ${kind} of the job: ${removed.join(', ')}`,
        );
      }
      const left = await leftovers(before, {
        jobIds: [jobId],
        needles: [jobId, tag, dir, ...containerIdsIn(r.stdout)],
      });
      assert.deepEqual(left, [], log);
    });
  } finally {
    // Only the empty mount point directory can remain on the host (host executor).
    await rmdir(`/mnt/lk-${tag}`).catch(() => undefined);
  }
}

/**
 * A bounded bomb (2^10 leaves at most, if the limit failed the host would
 * still cope): every instance forks two more and waits. The test samples the
 * job's processes once forks are refused, then cancels the build.
 */
async function forkBomb(target: Target): Promise<void> {
  const script = [
    // No -e: an instance whose fork was refused keeps waiting for the children it has.
    'set +xe',
    'b() { if [ "$1" -gt 0 ]; then b $(($1 - 1)) & b $(($1 - 1)) & wait; else sleep 600; fi; }',
    // The bomb in a subshell (a refused fork is fatal to the shell that asked), then
    // exec, not a fork: the step hangs until cancelled even when forks are refused.
    '( b 10 ); exec sleep 600',
  ].join('\n');
  const options = `resourceLimits(pids: ${PIDS_LIMIT}); timeout(time: 5, unit: 'MINUTES')`;
  const before = await baselineSnapshot();
  await withWorkspace(jenkinsfile(agentFor(target), options, script), async (dir) => {
    const run = startRig(dir, target.args);
    const refused = (s: string): boolean => /Cannot fork|Resource temporarily unavailable/i.test(s);
    const got = await waitForOutput(run, refused, 60_000);
    const [jobId] = jobIdsIn(run.stdout());
    const counts: number[] = [];
    if (got && jobId) {
      for (let i = 0; i < 5; i++) {
        counts.push((await findMarked({ jobId })).length);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    run.child.kill('SIGINT');
    const r = await run.done;
    const log = `${r.stdout}\n${r.stderr}`;
    assert.ok(got, `forks were never refused:\n${log}`);
    assert.equal(r.code, 130, log);
    assert.ok(Math.max(...counts) <= PIDS_LIMIT, `${counts.join(', ')} processes:\n${log}`);
    removedLines(r);
    const left = await leftovers(before, { jobIds: [jobOf(r)], needles: [jobOf(r), dir] });
    assert.deepEqual(left, [], log);
  });
}

describe('two sandboxed jobs at once', () => {
  it('never see each other’s files, processes or namespaces', { timeout: 120_000 }, async () => {
    const [a, b] = [randomBytes(4).toString('hex'), randomBytes(4).toString('hex')];
    const before = await baselineSnapshot();
    const wsA = await workspaceFrom([]);
    const wsB = await workspaceFrom([]);
    try {
      // `[x]yz` finds "xyz" without finding the grep that looks for it.
      const pattern = (tag: string): string => `[${tag[0]}]${tag.slice(1)}`;
      const script = (me: string, other: string, otherWs: string): string =>
        [
          `echo ${me} > /tmp/iso-${me}`,
          `ip netns add iso-${me}`,
          // Quiet: its trace would interleave with `echo ready` in the same stream.
          `(sh -c 'sleep 600; : $0' iso-proc-${me}) >/dev/null 2>&1 &`,
          'echo ready',
          'while [ ! -e go ]; do sleep 0.1; done',
          `look() { (ls /tmp; ip netns list; cat /proc/[0-9]*/cmdline | tr '\\0' ' ') 2>/dev/null | grep -c "$1" || true; }`,
          `if [ -e ${otherWs}/Jenkinsfile ]; then ws=1; else ws=0; fi`,
          `echo "sees-other=$(look '${pattern(other)}') sees-other-workspace=$ws sees-own=$(look '${pattern(me)}')"`,
        ].join('\n');
      const file = (me: string, other: string, otherWs: string): string =>
        jenkinsfile('agent any', "timeout(time: 2, unit: 'MINUTES')", script(me, other, otherWs));
      await writeFile(join(wsA.dir, 'Jenkinsfile'), file(a, b, wsB.dir));
      await writeFile(join(wsB.dir, 'Jenkinsfile'), file(b, a, wsA.dir));
      const runA = startRig(wsA.dir, ['--executor', 'sandbox']);
      const runB = startRig(wsB.dir, ['--executor', 'sandbox']);
      const ready = (s: string): boolean => /ready$/m.test(s);
      assert.ok(await waitForOutput(runA, ready, 60_000), runA.stdout());
      assert.ok(await waitForOutput(runB, ready, 60_000), runB.stdout());
      await writeFile(join(wsA.dir, 'go'), '');
      await writeFile(join(wsB.dir, 'go'), '');
      const [ra, rb] = await Promise.all([runA.done, runB.done]);
      for (const r of [ra, rb]) {
        const log = `${r.stdout}\n${r.stderr}`;
        assert.equal(r.code, 0, log);
        const m = /sees-other=(\d+) sees-other-workspace=(\d) sees-own=(\d+)/.exec(r.stdout);
        assert.ok(m, log);
        assert.equal(m[1], '0', log);
        assert.equal(m[2], '0', log);
        assert.ok(Number(m[3]) >= 3, `a job sees its own file, netns and process:\n${log}`);
        removedLines(r);
      }
      const left = await leftovers(before, {
        jobIds: [jobOf(ra), jobOf(rb)],
        needles: [jobOf(ra), jobOf(rb), a, b, wsA.dir, wsB.dir],
      });
      assert.deepEqual(left, []);
    } finally {
      await wsA.dispose();
      await wsB.dispose();
    }
  });
});
