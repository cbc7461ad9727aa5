/**
 * Sources for a job: the exact commit, in a fresh workspace, with real git.
 * The controller names the commit; when the agent's mirror holds it already
 * (the usual case) no fetch happens and the job costs one `git checkout`
 * (see git-mirror.ts). A commit the mirror lacks makes it fetch and retry.
 */
import { GitMirror, git } from './git-mirror.ts';

const FULL_SHA = /^[0-9a-f]{40}$/;

export async function checkout(opts: {
  dataDir: string;
  repoUrl: string;
  commit: string | null;
  ref: string | null;
  workspace: string;
}): Promise<{ commit: string }> {
  const mirror = new GitMirror(opts.dataDir, opts.repoUrl);
  let commit = opts.commit;
  if (commit === null || !FULL_SHA.test(commit)) {
    // A ref (or a short id) means "what the repository has now": fetch, then pin it.
    await mirror.update(true);
    const want = commit ?? opts.ref ?? 'HEAD';
    commit = (await git(['-C', mirror.dir, 'rev-parse', '--verify', `${want}^{commit}`])).trim();
  } else {
    await mirror.update(false);
  }
  await mirror.newWorkspace(opts.workspace);
  const first = await detach(opts.workspace, commit).then(
    () => null,
    (err: unknown) => err,
  );
  if (first !== null) {
    await mirror.update(true);
    await mirror.newWorkspace(opts.workspace);
    await detach(opts.workspace, commit);
  }
  return { commit };
}

function detach(workspace: string, commit: string): Promise<string> {
  return git(
    ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--detach', commit],
    workspace,
  );
}
