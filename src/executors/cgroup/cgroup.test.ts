/**
 * The cgroup backends against the real kernel: v1 (this machine's
 * controllers) and v2 (this machine's cgroup2 mount, which on a hybrid host
 * has no memory/cpu/pids controllers: the limit cases name that as the skip
 * reason; kill, membership and removal run for real).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { uniqueId, waitFor } from '../conformance/harness.ts';
import { detectCgroups, type CgroupLayout } from './detect.ts';
import { createJobCgroup, joinScript, STEPS_LEAF, type JobCgroup, type Limits } from './index.ts';

interface Member {
  child: ReturnType<typeof spawn>;
  result: Promise<{ signal: string | null; out: string }>;
  /** Output so far. */
  partial(): string;
}

/** Starts `script` as a member of `leaf`, collecting its output from the start. */
function inLeaf(cg: JobCgroup, leaf: string, script: string): Member {
  const child = spawn('/bin/sh', ['-c', joinScript(cg.leaf(leaf)), '/bin/sh', '-c', script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const result = new Promise<{ signal: string | null; out: string }>((resolve) =>
    child.on('close', (_code, signal) => resolve({ signal, out })),
  );
  return { child, result, partial: () => out };
}

async function bombOutput(member: Member): Promise<string> {
  const out = await Promise.race([member.result.then((r) => r.out), Promise.resolve(undefined)]);
  return out ?? member.partial();
}

function make(layout: CgroupLayout, limits: Limits = {}): JobCgroup {
  const outcome = createJobCgroup(layout, uniqueId('cgtest'), limits);
  if ('fallback' in outcome) throw new Error(outcome.fallback);
  return outcome.cgroup;
}

const layouts: Array<[string, CgroupLayout]> = [
  ['v1', detectCgroups('v1')],
  ['v2', detectCgroups('v2')],
];

for (const [name, layout] of layouts) {
  const unusable = layout.version === 'none' ? `no ${name} here: ${layout.reason}` : false;
  const missing = (controller: string): string | false =>
    unusable ||
    (layout.version === 'v2' && !layout.controllers.includes(controller)
      ? `this host's cgroup2 tree offers no ${controller} controller (hybrid v1 host)`
      : false);

  describe(`cgroup ${name}`, { skip: unusable }, () => {
    it('kill reaps setsid and double-forked members of one leaf and spares the other', async () => {
      const cg = make(layout);
      try {
        const victim = inLeaf(cg, STEPS_LEAF, 'setsid sleep 600 & (sleep 601 &) & exec sleep 602');
        const bystander = inLeaf(cg, 'init', 'exec sleep 603');
        await waitFor(
          'members',
          async () =>
            (await cg.members(STEPS_LEAF)).length === 3 && (await cg.members('init')).length === 1,
        );
        const spared = await cg.members('init');
        assert.equal(spared.length, 1);
        const killed = await cg.kill(STEPS_LEAF);
        assert.equal(killed.length, 3);
        assert.deepEqual(await cg.members(STEPS_LEAF), []);
        assert.deepEqual(await cg.members('init'), spared);
        assert.equal((await victim.result).signal, 'SIGKILL');
        bystander.child.kill('SIGKILL');
      } finally {
        await cg.destroy();
      }
      for (const path of cg.paths) assert.equal(existsSync(path), false);
      await cg.destroy();
    });

    it('destroy kills everything, removes every directory, and is idempotent', async () => {
      const cg = make(layout);
      const child = inLeaf(cg, STEPS_LEAF, 'sleep 600 & exec sleep 601');
      await waitFor('members', async () => (await cg.members()).length === 2);
      await Promise.all([cg.destroy(), cg.destroy()]);
      assert.equal((await child.result).signal, 'SIGKILL');
      for (const path of cg.paths) assert.equal(existsSync(path), false);
    });

    it('a fork bomb is contained by the pids limit', { skip: missing('pids') }, async () => {
      const cg = make(layout, { pids: 40 });
      try {
        assert.deepEqual(cg.limitNotes, ['pids 40']);
        // Every instance waits for its children, so the bomb holds what it got.
        const bomb = inLeaf(cg, STEPS_LEAF, 'b() { b & b & wait; }; b');
        await waitFor('the bomb to hit the limit', async () =>
          /fork/i.test(await bombOutput(bomb)),
        );
        assert.ok((await cg.members()).length <= 40);
        await cg.kill();
        await bomb.result;
      } finally {
        await cg.destroy();
      }
    });

    it('a memory hog is OOM-killed by the memory limit', { skip: missing('memory') }, async () => {
      const cg = make(layout, { memoryBytes: 64 << 20 });
      try {
        // tail buffers a line with no newline: memory grows until the limit.
        const hog = inLeaf(
          cg,
          STEPS_LEAF,
          'head -c 1000000000 /dev/zero | tail -n 1 >/dev/null; echo "exit $?"',
        );
        assert.match((await hog.result).out, /exit 137\n$/);
      } finally {
        await cg.destroy();
      }
    });

    it('limits the controllers lack are reported, not silently dropped', async () => {
      const cg = make(layout, { memoryBytes: 128 << 20, cpus: 0.5, pids: 100 });
      try {
        assert.equal(cg.limitNotes.length, 3);
        const applied = cg.limitNotes.filter((n) => !n.includes('not applied'));
        if (layout.version === 'v1')
          assert.deepEqual(applied, ['memory 128 MiB', 'cpus 0.5', 'pids 100']);
      } finally {
        await cg.destroy();
      }
    });
  });
}
