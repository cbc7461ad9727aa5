/** Default destroyers against the real host: idempotent, escalating, careful with pids. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { uniqueId, waitFor } from '../conformance/harness.ts';
import type { LedgerEntry } from '../contract.ts';
import { markerEnv } from '../proc/markers.ts';
import { runCommand } from '../proc/run-command.ts';
import { destroyEntry } from './destroy.ts';
import { Ledger } from './ledger.ts';
import { readMounts } from './mounts.ts';

const entry = (
  kind: LedgerEntry['kind'],
  id: string,
  detail?: Record<string, string>,
): LedgerEntry => ({
  kind,
  id,
  source: 'job',
  ...(detail ? { detail } : {}),
});

const mounted = async (point: string): Promise<boolean> =>
  (await readMounts()).some((m) => m.mountPoint === point);

test('a busy mount is unmounted lazily; a scratch dir with a mount inside is removed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rig-destroy-'));
  const point = join(dir, 'busy');
  await mkdir(point);
  assert.ok((await runCommand(['mount', '-t', 'tmpfs', 'rig-test', point])).ok);
  const holder = spawn('sleep', ['600'], { cwd: point });
  try {
    await destroyEntry(entry('mount', point));
    assert.equal(await mounted(point), false);
    assert.ok((await runCommand(['mount', '-t', 'tmpfs', 'rig-test', point])).ok);
    await destroyEntry(entry('tmpdir', dir));
    assert.equal(existsSync(dir), false);
    assert.equal(await mounted(point), false);
  } finally {
    holder.kill('SIGKILL');
    await runCommand(['umount', '-l', point]);
    await rm(dir, { recursive: true, force: true });
  }
});

test('what is already gone counts as removed', async () => {
  const name = uniqueId('rig-gone').slice(0, 14);
  await destroyEntry(entry('netns', name));
  await destroyEntry(entry('link', name));
  await destroyEntry(entry('link', name, { netns: name }));
  await destroyEntry(entry('mount', `/tmp/${name}`));
  await destroyEntry(entry('tmpdir', `/tmp/${name}`));
  await destroyEntry(entry('container', name));
});

test('a netns and a veth are deleted', async () => {
  const ns = uniqueId('rig-dn').slice(0, 14);
  const veth = uniqueId('rdv').slice(0, 12);
  assert.ok((await runCommand(['ip', 'netns', 'add', ns])).ok);
  assert.ok(
    (
      await runCommand([
        'ip',
        'link',
        'add',
        veth,
        'type',
        'veth',
        'peer',
        'name',
        'p0',
        'netns',
        ns,
      ])
    ).ok,
  );
  const ledger = new Ledger();
  ledger.record(entry('netns', ns));
  ledger.record(entry('link', veth));
  const result = await ledger.destroyAll(() => undefined);
  assert.deepEqual(
    result.removed.map((e) => e.id),
    [veth, ns],
  );
  assert.equal(existsSync(`/run/netns/${ns}`), false);
  assert.equal((await runCommand(['ip', 'link', 'show', veth])).ok, false);
});

test('a pid is killed only while it carries the marker it was recorded with', async () => {
  const jobId = uniqueId('destroy');
  const ours = spawn('sleep', ['600'], { env: { ...process.env, ...markerEnv(jobId, 's') } });
  const stranger = spawn('sleep', ['600']);
  try {
    await waitFor('both', () => ours.pid !== undefined && stranger.pid !== undefined);
    await destroyEntry(entry('process', String(ours.pid), { jobId }));
    await waitFor('ours to die', () => ours.exitCode !== null || ours.signalCode !== null);
    await assert.rejects(destroyEntry(entry('process', String(stranger.pid))), /no job marker/);
    await destroyEntry(entry('process', String(stranger.pid), { jobId }));
    assert.equal(stranger.exitCode, null);
    assert.equal(stranger.signalCode, null);
  } finally {
    ours.kill('SIGKILL');
    stranger.kill('SIGKILL');
  }
});
