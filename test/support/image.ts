/**
 * The small Debian image container tests run in. No registry is reachable on
 * our machines, so it is built from a Debian root filesystem (mmdebstrap) and
 * imported into podman once per machine, then found by its tag. Two test files
 * asking at the same time share one build through a lock file.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, open, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Bump the suffix when the package list changes, so machines rebuild. */
export const TEST_IMAGE = 'localhost/rig-test-debian:bookworm-2';
const PACKAGES = ['iproute2', 'iputils-ping', 'procps', 'netcat-openbsd'];
const LOCK = '/var/tmp/rig-test-image.lock';
const BUILD_TIMEOUT_MS = 15 * 60_000;

export type ImageResult = { image: string } | { skip: string };

let pending: Promise<ImageResult> | undefined;

/** The image tag, building it when this machine has none; or why tests must skip. */
export function ensureTestImage(): Promise<ImageResult> {
  pending ??= ensure();
  return pending;
}

async function ensure(): Promise<ImageResult> {
  const missing = await missingTool();
  if (missing) return { skip: `${missing} is not installed` };
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await imageExists()) return { image: TEST_IMAGE };
    const release = await tryLock();
    if (!release) {
      await sleep(1000);
      continue;
    }
    try {
      if (await imageExists()) return { image: TEST_IMAGE };
      return await build();
    } finally {
      await release();
    }
  }
  return { skip: `timed out waiting for another process to build ${TEST_IMAGE}` };
}

async function missingTool(): Promise<string | undefined> {
  for (const tool of ['podman', 'mmdebstrap']) {
    try {
      await run('sh', ['-c', `command -v ${tool}`]);
    } catch {
      return tool;
    }
  }
  return undefined;
}

async function imageExists(): Promise<boolean> {
  try {
    await run('podman', ['image', 'exists', TEST_IMAGE]);
    return true;
  } catch {
    return false;
  }
}

/** Creates the lock file exclusively; clears it when its owner died. */
async function tryLock(): Promise<(() => Promise<void>) | undefined> {
  try {
    const handle = await open(LOCK, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return () => unlink(LOCK).catch(() => undefined);
  } catch {
    const owner = Number(await readFile(LOCK, 'utf8').catch(() => ''));
    if (owner > 0 && !alive(owner)) await unlink(LOCK).catch(() => undefined);
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function build(): Promise<ImageResult> {
  const dir = await mkdtemp(join(tmpdir(), 'rig-image-'));
  const tar = join(dir, 'rootfs.tar');
  try {
    const args = ['--variant=minbase', `--include=${PACKAGES.join(',')}`, 'bookworm', tar];
    await run('mmdebstrap', [...args, await debianMirror()], {
      timeout: BUILD_TIMEOUT_MS,
      maxBuffer: 64 << 20,
    });
    await run('podman', ['import', tar, TEST_IMAGE], { maxBuffer: 64 << 20 });
    return { image: TEST_IMAGE };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' ');
    return { skip: `could not build ${TEST_IMAGE}: ${stderr || String(error)}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The mirror apt uses here (deb822 or one-line format), else Debian's CDN. */
async function debianMirror(): Promise<string> {
  for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const deb822 = /^URIs:\s*(\S+)/m.exec(text);
    if (deb822?.[1] && !deb822[1].includes('security')) return deb822[1];
    const line = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/m.exec(text);
    if (line?.[1]) return line[1];
  }
  return 'http://deb.debian.org/debian';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
