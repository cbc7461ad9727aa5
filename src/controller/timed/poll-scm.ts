/**
 * pollSCM's question: where is the branch head in the project's repository
 * now? Answered with `git ls-remote`, which reads refs only (no objects), for
 * a URL or a local path alike.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** `HEAD` stays `HEAD`; a branch name becomes `refs/heads/<name>`. */
export function refFor(branch: string): string {
  return branch === 'HEAD' || branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
}

export async function remoteHead(
  repoUrl: string,
  ref: string,
): Promise<{ head: string } | { error: string }> {
  try {
    const { stdout } = await exec('git', ['ls-remote', '--', repoUrl, ref], {
      timeout: 60_000,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
    const line = stdout.split('\n').find((l) => l.endsWith(`\t${ref}`));
    const head = line?.split('\t')[0];
    return head ? { head } : { error: `${repoUrl} has no ${ref}` };
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    return { error: `git ls-remote ${repoUrl} ${ref}: ${stderr || String(err)}` };
  }
}
