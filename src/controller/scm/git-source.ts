/**
 * PipelineSource on git. A local repository is read in place; a URL is kept
 * as a bare mirror under `<data>/mirrors/` and fetched before resolving a ref,
 * so only the pipeline file is ever read (a "lightweight checkout").
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { promisify } from 'node:util';
import type { PipelineSource } from './source.ts';

const exec = promisify(execFile);

async function git(args: string[]): Promise<string> {
  try {
    const { stdout } = await exec('git', args, { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim() ?? String(err);
    throw new Error(
      `git ${args
        .filter((a) => !a.startsWith('-'))
        .slice(-2)
        .join(' ')}: ${stderr}`,
      {
        cause: err,
      },
    );
  }
}

export function isLocalRepo(url: string): boolean {
  return (
    isAbsolute(url) || url.startsWith('./') || url.startsWith('../') || url.startsWith('file://')
  );
}

export function createGitSource(mirrorsDir: string): PipelineSource {
  const fetched = new Map<string, Promise<void>>();
  const gitDir = async (url: string, refresh: boolean): Promise<string> => {
    if (isLocalRepo(url)) return resolvePath(url.replace(/^file:\/\//, ''));
    const dir = join(
      mirrorsDir,
      createHash('sha256').update(url).digest('hex').slice(0, 16) + '.git',
    );
    if (!existsSync(dir)) {
      mkdirSync(mirrorsDir, { recursive: true });
      await git(['clone', '--mirror', '--quiet', url, dir]);
    } else if (refresh) {
      // One fetch at a time per mirror; callers that arrive meanwhile share it.
      const running =
        fetched.get(dir) ??
        git(['-C', dir, 'fetch', '--prune', '--quiet', 'origin']).then(() => undefined);
      fetched.set(dir, running);
      try {
        await running;
      } finally {
        fetched.delete(dir);
      }
    }
    return dir;
  };
  return {
    async resolve(url, ref) {
      if (/^[0-9a-f]{40}$/.test(ref)) return ref;
      const dir = await gitDir(url, true);
      return (await git(['-C', dir, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
    },
    async readFile(url, commit, path) {
      const dir = await gitDir(url, false);
      return git(['-C', dir, 'show', `${commit}:${path}`]);
    },
  };
}
