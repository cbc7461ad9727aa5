/**
 * One bare mirror per repository under `<data>/mirrors/`, and beside it a
 * template: a `--shared --no-checkout` clone of the mirror. A workspace is a
 * copy of the template's `.git` (a few small files: the objects stay in the
 * mirror, reached through `objects/info/alternates`), so starting a job costs
 * one `git checkout` instead of a clone, which runs `upload-pack` and is the
 * slowest part of the dispatch path. The template is made again after every
 * fetch, so a workspace sees the mirror's branches and tags as a clone would.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
} from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export async function git(args: string[], cwd?: string): Promise<string> {
  try {
    return (await exec('git', args, { cwd, maxBuffer: 16 << 20 })).stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim() || String(err);
    throw new Error(`git ${verbOf(args)} failed: ${stderr}`, { cause: err });
  }
}

/** The subcommand, past `-C dir` and `-c key=value`. */
function verbOf(args: string[]): string {
  return (
    args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '-C' && args[i - 1] !== '-c') ?? 'git'
  );
}

const queues = new Map<string, Promise<unknown>>();
/** Work on one mirror runs one at a time. */
function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const next = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  queues.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}

export class GitMirror {
  readonly dir: string;
  private readonly template: string;
  private readonly url: string;

  constructor(dataDir: string, repoUrl: string) {
    this.url = isAbsolute(repoUrl) ? resolve(repoUrl) : repoUrl;
    const name = createHash('sha256').update(this.url).digest('hex').slice(0, 16);
    this.dir = join(dataDir, 'mirrors', `${name}.git`);
    this.template = join(dataDir, 'mirrors', `${name}.template`);
  }

  /** Clones the mirror when missing; fetches when `fetch` (or when just cloned, nothing to do). */
  update(fetch: boolean): Promise<void> {
    return serial(this.dir, async () => {
      if (!existsSync(this.dir)) {
        await mkdir(join(this.dir, '..'), { recursive: true });
        await git(['clone', '--mirror', '--quiet', this.url, this.dir]);
        await this.makeTemplate();
      } else if (fetch) {
        await git(['-C', this.dir, 'fetch', '--prune', '--quiet', 'origin']);
        await this.makeTemplate();
      } else if (!existsSync(this.template)) {
        await this.makeTemplate();
      }
    });
  }

  /** Makes `workspace` an empty work tree whose `.git` borrows the mirror's objects. */
  async newWorkspace(workspace: string): Promise<void> {
    await rm(workspace, { recursive: true, force: true });
    await mkdir(workspace, { recursive: true });
    await serial(this.dir, async () =>
      copyTree(join(this.template, '.git'), join(workspace, '.git')),
    );
  }

  /** Built aside and swapped in: a workspace copied meanwhile gets the old or the new one whole. */
  private async makeTemplate(): Promise<void> {
    const fresh = `${this.template}.new`;
    await rm(fresh, { recursive: true, force: true });
    await git(['clone', '--quiet', '--shared', '--no-checkout', this.dir, fresh]);
    await rm(this.template, { recursive: true, force: true });
    await rename(fresh, this.template);
  }
}

/**
 * A plain synchronous copy: the template is a couple of dozen small files, and
 * fs.cp's generic walk costs tens of milliseconds where this costs about one.
 */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isDirectory()) copyTree(src, dst);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else copyFileSync(src, dst);
  }
}
