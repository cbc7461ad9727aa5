/**
 * podman inside a sandbox gets its own storage (under the job's scratch
 * directory) with the host's images as a read-only additional store: the
 * containers a job makes never enter the host's podman database, and their
 * overlay mounts live in the sandbox's mount namespace. What does reach the
 * host is the containers' cgroups (podman's cgroupfs manager puts them under
 * `libpod_parent`), so teardown removes those by container id.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_PODMAN_ROOT } from '../ledger/snapshot.ts';
import { readMounts } from '../ledger/mounts.ts';

export async function writeSandboxStorageConf(tmpDir: string): Promise<string> {
  const images = existsSync(DEFAULT_PODMAN_ROOT) ? [DEFAULT_PODMAN_ROOT] : [];
  const text = [
    '[storage]',
    'driver = "overlay"',
    `graphroot = ${JSON.stringify(graphRoot(tmpDir))}`,
    'runroot = "/run/containers/storage"',
    '[storage.options]',
    `additionalimagestores = [${images.map((p) => JSON.stringify(p)).join(', ')}]`,
    '',
  ].join('\n');
  const path = join(tmpDir, 'storage.conf');
  await writeFile(path, text);
  return path;
}

export function graphRoot(tmpDir: string): string {
  return join(tmpDir, 'containers', 'storage');
}

/** cgroup directories of the containers podman made inside the sandbox. */
export async function containerCgroups(tmpDir: string): Promise<string[]> {
  const file = join(graphRoot(tmpDir), 'overlay-containers', 'containers.json');
  const ids = await readFile(file, 'utf8')
    .then((text) => (JSON.parse(text) as Array<{ id: string }>).map((c) => c.id))
    .catch(() => [] as string[]);
  if (ids.length === 0) return [];
  const roots = (await readMounts())
    .filter((m) => m.fsType === 'cgroup' || m.fsType === 'cgroup2')
    .map((m) => m.mountPoint);
  return ids.flatMap((id) =>
    roots
      .map((root) => join(root, 'libpod_parent', `libpod-${id}`))
      .filter((dir) => existsSync(dir)),
  );
}
