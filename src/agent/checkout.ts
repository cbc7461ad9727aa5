/**
 * Sources for a job: the exact commit, in a fresh workspace, with real git.
 * One bare mirror per repository under `<data>/mirrors/` makes repeat clones
 * cheap: the workspace borrows the mirror's objects (`--shared`).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

async function git(args: string[], cwd?: string): Promise<string> {
  try {
    return (await exec('git', args, { cwd, maxBuffer: 16 << 20 })).stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim() || String(err);
    throw new Error(`git ${args[0]} failed: ${stderr}`, { cause: err });
  }
}

const locks = new Map<string, Promise<unknown>>();
/** Mirror updates for one repository run one at a time. */
function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const next = (locks.get(key) ?? Promise.resolve()).then(fn, fn);
  locks.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}

export async function checkout(opts: {
  dataDir: string;
  repoUrl: string;
  commit: string | null;
  ref: string | null;
  workspace: string;
}): Promise<{ commit: string }> {
  const url = isAbsolute(opts.repoUrl) ? resolve(opts.repoUrl) : opts.repoUrl;
  const mirror = join(
    opts.dataDir,
    'mirrors',
    createHash('sha256').update(url).digest('hex').slice(0, 16) + '.git',
  );
  const want = opts.commit ?? opts.ref ?? 'HEAD';
  await serial(mirror, async () => {
    if (!existsSync(mirror)) {
      mkdirSync(join(opts.dataDir, 'mirrors'), { recursive: true });
      await git(['clone', '--mirror', '--quiet', url, mirror]);
      return;
    }
    // Fetch only when the commit is not there yet.
    const have = await git(['-C', mirror, 'cat-file', '-e', `${want}^{commit}`]).then(
      () => true,
      () => false,
    );
    if (!have || opts.commit === null)
      await git(['-C', mirror, 'fetch', '--prune', '--quiet', 'origin']);
  });
  rmSync(opts.workspace, { recursive: true, force: true });
  mkdirSync(opts.workspace, { recursive: true });
  await git(['clone', '--quiet', '--shared', '--no-checkout', mirror, opts.workspace]);
  await git(
    ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--detach', want],
    opts.workspace,
  );
  const commit = (await git(['rev-parse', 'HEAD'], opts.workspace)).trim();
  return { commit };
}
