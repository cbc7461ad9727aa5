/**
 * What `rig run` learns from the local git checkout: branch, commit, tag and
 * the files a `when { changeset }` looks at. Outside a git repository every
 * field is simply absent.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GitInfo {
  branch?: string;
  commit?: string;
  tag?: string;
  /** Files changed in the last commit and in the working tree. */
  changedFiles: string[];
}

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', args, { cwd, timeout: 5000 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

export async function readGitInfo(cwd: string): Promise<GitInfo> {
  const [branch, commit, tag, lastCommit, working] = await Promise.all([
    git(cwd, ['symbolic-ref', '--short', '-q', 'HEAD']),
    git(cwd, ['rev-parse', '-q', '--verify', 'HEAD']),
    git(cwd, ['describe', '--tags', '--exact-match', 'HEAD']),
    git(cwd, ['diff-tree', '--no-commit-id', '--name-only', '-r', 'HEAD']),
    git(cwd, ['status', '--porcelain', '--untracked-files=normal']),
  ]);
  const changed = new Set<string>(lines(lastCommit));
  for (const entry of lines(working)) changed.add(entry.slice(3).replace(/^.* -> /, ''));
  return {
    ...(branch ? { branch } : {}),
    ...(commit ? { commit } : {}),
    ...(tag ? { tag } : {}),
    changedFiles: [...changed],
  };
}

function lines(text: string | undefined): string[] {
  return text ? text.split('\n').filter((l) => l.length > 0) : [];
}
