/**
 * Reports builds back to the forge as GitHub commit statuses: `pending` when
 * a build starts, `success` / `failure` / `error` when it ends, each with a
 * link to the build page. A project opts in with `statusRepo` (owner/name)
 * and `statusCredential` (a credential holding the API token); the API base
 * is the project's `statusBaseUrl`, else the server's (GitHub Enterprise,
 * or a stand-in in tests).
 *
 * Posts of one build go out one after another, so a slow `pending` can never
 * land after the final state. Failures never touch the build's result: they
 * are written to the build's system log.
 */
import type { Logger } from 'pino';
import type { BuildResult } from '../../protocol/runner-types.ts';
import { openCredential, tokenOf } from '../credentials.ts';
import { postCommitStatus } from '../forge/github-status.ts';
import type { CommitState } from '../forge/github-status.ts';
import type { Vault } from '../ports.ts';
import type { BuildRecord, ProjectRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';

export interface CommitStatusConfig {
  /** Default API base, e.g. `https://api.github.com`. */
  baseUrl: string;
  /** The build page a status links to. */
  buildUrl: (build: BuildRecord, project: ProjectRecord) => string;
}

export interface CommitStatusDeps {
  store: Store;
  vault: Vault;
  log: Logger;
  config: CommitStatusConfig;
  note: (buildId: string, text: string) => Promise<void>;
}

export function stateFor(result: BuildResult): CommitState {
  switch (result) {
    case 'SUCCESS':
      return 'success';
    case 'UNSTABLE':
    case 'FAILURE':
      return 'failure';
    case 'ABORTED':
    case 'NOT_BUILT':
      return 'error';
  }
}

export class CommitStatusReporter {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly deps: CommitStatusDeps) {}

  /** Queues the build's status for `phase`; a start reported after the build ended is skipped. */
  report(buildId: string, phase: 'started' | 'finished'): Promise<void> {
    const previous = this.chains.get(buildId) ?? Promise.resolve();
    const next = previous
      .then(() => this.post(buildId, phase))
      .catch((err: unknown) => {
        this.deps.log.error({ err, build: buildId }, 'commit status failed');
      });
    this.chains.set(buildId, next);
    void next.then(() => this.chains.get(buildId) === next && this.chains.delete(buildId));
    return next;
  }

  /** Resolves once every queued post has gone out (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  private async post(buildId: string, phase: 'started' | 'finished'): Promise<void> {
    const build = await this.deps.store.getBuild(buildId);
    const project = build && (await this.deps.store.getProject(build.projectId));
    if (!build || !project?.statusRepo || !project.statusCredentialId || build.commit === null)
      return;
    const finished = build.status === 'finished' && build.result !== null;
    if (finished !== (phase === 'finished')) return;
    const opened = await openCredential(
      this.deps.store,
      this.deps.vault,
      project.statusCredentialId,
    );
    if ('error' in opened)
      return this.deps.note(buildId, `Commit status not sent: ${opened.error}.`);
    const state = finished ? stateFor(build.result as BuildResult) : 'pending';
    const r = await postCommitStatus({
      baseUrl: project.statusBaseUrl ?? this.deps.config.baseUrl,
      token: tokenOf(opened.credential),
      repo: project.statusRepo,
      sha: build.commit,
      state,
      context: `rig/${project.name}`,
      description: finished
        ? `Build #${build.number}: ${build.result}`
        : `Build #${build.number} is running`,
      targetUrl: this.deps.config.buildUrl(build, project),
    });
    if (!r.ok)
      await this.deps.note(
        buildId,
        `Commit status ${state} for ${project.statusRepo}@${build.commit.slice(0, 12)} failed after ${r.attempts} attempt(s): ${r.message}.`,
      );
  }
}
