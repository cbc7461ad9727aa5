/**
 * Default destroyers, one per ledger kind. Each is idempotent (something that
 * is already gone counts as removed) and escalates where a polite attempt can
 * fail: `umount` then `umount -l`, `podman stop` then `rm -f`, kill the
 * members of a cgroup before `rmdir`.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import type { LedgerEntry } from '../contract.ts';
import { environMatches } from '../proc/markers.ts';
import { readEnviron } from '../proc/proc-table.ts';
import { briefError, runCommand } from '../proc/run-command.ts';
import { signalPid, sleep } from '../proc/signal.ts';
import { mountsUnder, unmountAll } from './mounts.ts';
import { DEFAULT_PODMAN_ROOT, readContainers } from './snapshot.ts';
import { removeCgroupTree } from '../cgroup/tree.ts';

export async function destroyEntry(entry: LedgerEntry): Promise<void> {
  switch (entry.kind) {
    case 'tmpdir':
      return removeTmpdir(entry.id);
    case 'process':
      return killProcess(entry);
    case 'netns':
      return deleteNetns(entry.id);
    case 'link':
      return deleteLink(entry.id, entry.detail?.netns);
    case 'mount':
      return unmountAll([entry.id]);
    case 'container':
      return removeContainer(entry.id);
    case 'cgroup':
      return removeCgroupTree(entry.id);
    case 'loop':
      return detachLoop(entry.id);
    case 'vm':
    case 'machine':
      return killProcess(entry);
  }
}

async function removeTmpdir(path: string): Promise<void> {
  // A job may have mounted something inside its scratch directory.
  await unmountAll(await mountsUnder(path));
  await rm(path, { recursive: true, force: true, maxRetries: 3 });
}

/** Only kills a pid that still carries the job marker it was recorded with: pids get reused. */
async function killProcess(entry: LedgerEntry): Promise<void> {
  const pid = Number(entry.detail?.pid ?? entry.id);
  const jobId = entry.detail?.jobId;
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no pid to kill for ${entry.id}`);
  if (!jobId) throw new Error(`refusing to kill pid ${pid}: no job marker recorded to verify it`);
  for (let attempt = 0; attempt < 50; attempt++) {
    const environ = await readEnviron(pid);
    if (!environ || !environMatches(environ, { jobId })) return;
    signalPid(pid, 'SIGKILL');
    await sleep(10);
  }
  throw new Error(`pid ${pid} survived SIGKILL (uninterruptible sleep?)`);
}

async function deleteNetns(name: string): Promise<void> {
  if (!existsSync(`/run/netns/${name}`)) return;
  const result = await runCommand(['ip', 'netns', 'delete', name]);
  if (!result.ok && existsSync(`/run/netns/${name}`)) throw new Error(briefError(result));
}

async function deleteLink(name: string, netns: string | undefined): Promise<void> {
  const where = netns ? ['-n', netns] : [];
  if (netns && !existsSync(`/run/netns/${netns}`)) return;
  const result = await runCommand(['ip', ...where, 'link', 'delete', name]);
  if (result.ok) return;
  const still = await runCommand(['ip', ...where, 'link', 'show', name]);
  if (still.ok) throw new Error(briefError(result));
}

async function removeContainer(id: string): Promise<void> {
  const result = await runCommand(['podman', 'rm', '--force', '--time', '0', id]);
  if (result.ok || /no such container/i.test(result.stderr)) return;
  const exists = await runCommand(['podman', 'container', 'exists', id]);
  if (exists.code === 1) return;
  throw new Error(briefError(result));
}

/**
 * Removes several containers with one podman call (each podman start costs
 * ~250 ms); whatever that call could not remove is retried one by one.
 */
export async function removeContainers(ids: string[]): Promise<Map<string, Error | undefined>> {
  const outcome = new Map<string, Error | undefined>();
  await runCommand(['podman', 'rm', '--force', '--time', '0', '--ignore', ...ids]);
  const left = Object.entries(await readContainers(DEFAULT_PODMAN_ROOT));
  const present = (id: string): boolean =>
    left.some(([full, name]) => full.startsWith(id) || name === id);
  for (const id of ids) {
    if (!present(id)) outcome.set(id, undefined);
    else
      outcome.set(
        id,
        await removeContainer(id).then(
          () => undefined,
          (e: unknown) => e as Error,
        ),
      );
  }
  return outcome;
}

async function detachLoop(device: string): Promise<void> {
  const backing = await readFile(
    `/sys/block/${device.replace('/dev/', '')}/loop/backing_file`,
    'utf8',
  )
    .then(() => true)
    .catch(() => false);
  if (!backing) return;
  const result = await runCommand(['losetup', '--detach', device]);
  if (!result.ok) throw new Error(briefError(result));
}
