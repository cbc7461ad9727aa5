/**
 * What `rig run` learns from the local git checkout: branch, commit, tag and
 * the files a `when { changeset }` looks at (the last commit's and the working
 * tree's changes). One git call, or two side by side when the pipeline looks
 * at changes: `git status` walks the whole working tree, which costs a big
 * repository far more than the rest of a local run. Outside a git repository
 * every field is simply absent.
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

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, timeout: 5000 });
    return stdout;
  } catch {
    return '';
  }
}

export async function readGitInfo(
  cwd: string,
  opts: { changes: boolean } = { changes: true },
): Promise<GitInfo> {
  if (!opts.changes) return headOnly(cwd);
  const [status, last] = await Promise.all([
    git(cwd, ['status', '--porcelain=v2', '--branch', '--untracked-files=normal']),
    git(cwd, ['log', '-1', '--format=%D', '--name-only', 'HEAD']),
  ]);
  const info = parseStatus(status);
  const [refs = '', ...files] = last.split('\n');
  const tag = /(?:^|, )tag: ([^,]+)/.exec(refs)?.[1];
  const changed = new Set([...files.filter((f) => f.length > 0), ...info.changed]);
  return {
    ...(info.branch ? { branch: info.branch } : {}),
    ...(info.commit ? { commit: info.commit } : {}),
    ...(tag ? { tag } : {}),
    changedFiles: [...changed],
  };
}

/** Branch, commit and tag from the decorations of HEAD; no changed files. */
async function headOnly(cwd: string): Promise<GitInfo> {
  const [commit = '', refs = ''] = (await git(cwd, ['log', '-1', '--format=%H%n%D', 'HEAD'])).split(
    '\n',
  );
  const branch = /(?:^|, )HEAD -> ([^,]+)/.exec(refs)?.[1];
  const tag = /(?:^|, )tag: ([^,]+)/.exec(refs)?.[1];
  return {
    ...(branch ? { branch } : {}),
    ...(/^[0-9a-f]{40,64}$/.test(commit) ? { commit } : {}),
    ...(tag ? { tag } : {}),
    changedFiles: [],
  };
}

/** `git status --porcelain=v2 --branch`: headers, then one line per changed path. */
export function parseStatus(text: string): { branch?: string; commit?: string; changed: string[] } {
  const out: { branch?: string; commit?: string; changed: string[] } = { changed: [] };
  for (const line of text.split('\n')) {
    if (line.startsWith('# branch.oid ')) {
      const oid = line.slice('# branch.oid '.length);
      if (/^[0-9a-f]{40,64}$/.test(oid)) out.commit = oid;
    } else if (line.startsWith('# branch.head ')) {
      const head = line.slice('# branch.head '.length);
      if (head !== '(detached)') out.branch = head;
    } else if (line.startsWith('1 ') || line.startsWith('u ')) {
      out.changed.push(
        line
          .split(' ')
          .slice(line.startsWith('1 ') ? 8 : 10)
          .join(' '),
      );
    } else if (line.startsWith('2 ')) {
      out.changed.push(line.split(' ').slice(9).join(' ').split('\t')[0] ?? '');
    } else if (line.startsWith('? ')) {
      out.changed.push(line.slice(2));
    }
  }
  return out;
}
