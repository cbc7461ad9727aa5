/**
 * The seed's flagship scenario end to end (issue 3): the real Jenkinsfile in
 * examples/seed-network/ through the real CLI (`node bin/rig.js run`). Its
 * test stage creates two podman containers and a network namespace joined by
 * veth pairs and checks they talk; `post { always }` destroys them. It is run
 * to success, into its pipeline timeout mid-test, cancelled with SIGINT, and
 * killing itself (its own shell; the step's whole process group), under each
 * executor. After each: rig's exit code and result are the expected ones, the
 * post ran, the log and the JSON report list what teardown removed, and
 * nothing of the job is left on the host (netns, link, mount, container,
 * cgroup, process).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
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
const example = resolve(import.meta.dirname, '../../examples/seed-network');
const FILES = ['Jenkinsfile', 'test.sh', 'teardown.sh'].map((f) => join(example, f));
const BUILT = /\] built: netns seed-/;
const TALK = /\] the containers talk through seed-/;
// Longer than any silent phase of test.sh on a loaded machine (one podman run).
const TIMEOUT_SECONDS = 15;

type Ending = 'success' | 'timeout' | 'cancel' | 'kill-shell' | 'kill-group';
const ENDINGS: Ending[] = ['success', 'timeout', 'cancel', 'kill-shell', 'kill-group'];

interface Expected {
  code: number;
  result: string;
}
const EXPECTED: Record<Ending, Expected> = {
  success: { code: 0, result: 'SUCCESS' },
  timeout: { code: 1, result: 'ABORTED' },
  cancel: { code: 130, result: 'ABORTED' },
  'kill-shell': { code: 1, result: 'FAILURE' },
  'kill-group': { code: 1, result: 'FAILURE' },
};

const executors: Array<{ name: string; args: string[]; skip?: string }> = [
  { name: 'host', args: ['--executor', 'host'] },
  { name: 'sandbox', args: ['--executor', 'sandbox'] },
  {
    name: 'container',
    args: ['--executor', 'container'],
    skip: 'the scenario runs podman inside the job, and the test image has no podman (nested podman would also need an image store the inner podman can read: no registry here)',
  },
];

function paramsFor(ending: Ending): string[] {
  const params = [`SEED_IMAGE=${'image' in image ? image.image : ''}`];
  if (ending === 'timeout' || ending === 'cancel') params.push('SEED_HOLD=600');
  if (ending === 'kill-shell') params.push('SEED_SUICIDE=1');
  if (ending === 'kill-group') params.push('SEED_SUICIDE=group');
  return params.flatMap((p) => ['--param', p]);
}

/** The example's Jenkinsfile, with the timeout cut to seconds for the timeout case only. */
function shortenTimeout(ending: Ending): (name: string, text: string) => string {
  return (name, text) => {
    if (ending !== 'timeout' || name !== 'Jenkinsfile') return text;
    const edited = text.replace(
      "timeout(time: 2, unit: 'MINUTES', activity: true)",
      `timeout(time: ${TIMEOUT_SECONDS}, unit: 'SECONDS', activity: true)`,
    );
    assert.notEqual(edited, text, 'the example Jenkinsfile has the timeout this test shortens');
    return edited;
  };
}

async function scenario(args: string[], ending: Ending): Promise<void> {
  const ws = await workspaceFrom(FILES, shortenTimeout(ending));
  try {
    const before = await baselineSnapshot();
    const run = startRig(ws.dir, [...args, ...paramsFor(ending)]);
    if (ending === 'cancel') {
      const talking = await waitForOutput(run, (s) => TALK.test(s), 120_000);
      assert.ok(talking, `the test never got going:\n${run.stdout()}`);
      run.child.kill('SIGINT');
    }
    const r = await run.done;
    const log = `${r.stdout}\n${r.stderr}`;
    assertEnding(r, ending, log);
    const [jobId, ...more] = jobIdsIn(r.stdout);
    assert.ok(jobId !== undefined && more.length === 0, `one job in:\n${log}`);
    assertTeardownListed(r, jobId, log);
    const left = await leftovers(before, {
      jobIds: [jobId],
      needles: [jobId, ...seedNames(jobId), ...containerIdsIn(r.stdout), ws.dir],
    });
    assert.deepEqual(left, [], log);
  } finally {
    await ws.dispose();
  }
}

function assertEnding(r: RigResult, ending: Ending, log: string): void {
  assert.equal(r.code, EXPECTED[ending].code, log);
  assert.equal(r.report?.result, EXPECTED[ending].result, log);
  assert.match(r.stdout, BUILT, log);
  // Timeout and cancel must hit the test mid-way: after the check, in the hold.
  if (ending === 'success' || ending === 'timeout' || ending === 'cancel')
    assert.match(r.stdout, TALK, log);
  else assert.doesNotMatch(r.stdout, TALK, log);
  if (ending === 'timeout') assert.match(log, /Timeout|timed out/i, log);
  assert.deepEqual(
    r.report?.post.map((p) => `${p.condition} ${p.result}`),
    ['always SUCCESS'],
    log,
  );
  assert.match(r.stdout, /\[post always\] removed seed-/, log);
}

/** The log's tally and the report's teardown list name the job's own resources. */
function assertTeardownListed(r: RigResult, jobId: string, log: string): void {
  assert.match(r.stdout, /\[teardown\] removed .*cgroup/, log);
  const teardown = r.report?.teardown;
  assert.equal(teardown?.length, 1, log);
  const [t] = teardown!;
  assert.deepEqual(t!.failed, [], log);
  assert.deepEqual(t!.leftovers, [], log);
  const removed = t!.removed.map((e) => `${e.kind} ${e.id}`);
  const [ns, a, b] = seedNames(jobId);
  for (const want of [`netns ${ns}`, `container ${a}`, `container ${b}`])
    assert.ok(removed.includes(want), `${want} in ${removed.join(', ')}`);
  assert.ok(
    removed.some((e) => e.startsWith('cgroup ') && e.includes(jobId)),
    removed.join(', '),
  );
}

/** The names test.sh derives from the job id (RIG_BUILD_MARKER). */
function seedNames(jobId: string): string[] {
  const id = createHash('md5').update(jobId).digest('hex').slice(0, 8);
  return [`seed-${id}`, `seed-a-${id}`, `seed-b-${id}`];
}

// Host and sandbox side by side (each one's endings in turn): about a minute in all.
describe('seed network', { concurrency: executors.length }, () => {
  for (const { name, args, skip } of executors) {
    describe(
      `through rig run --executor ${name}`,
      { skip: skip ?? ('skip' in image ? image.skip : false) },
      () => {
        for (const ending of ENDINGS) {
          it(`${ending}: host back at its baseline, teardown listed`, { timeout: 180_000 }, () =>
            scenario(args, ending),
          );
        }
      },
    );
  }
});
