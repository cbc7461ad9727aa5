/**
 * What a due trigger does. `cron` queues a build of the default branch;
 * `pollSCM` asks the repository for the branch head and queues a build of
 * that commit only when it moved since the last poll (or since the last
 * build, on the first poll).
 */
import type { Logger } from 'pino';
import type { NewBuild, ProjectRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { refFor, remoteHead } from './poll-scm.ts';
import type { TimedTrigger } from './trigger-timer.ts';

export interface FireDeps {
  store: Store;
  log: Logger;
  enqueue: (build: NewBuild, why: string) => Promise<unknown>;
}

export async function fireTrigger(deps: FireDeps, t: TimedTrigger, at: number): Promise<void> {
  const project = await deps.store.getProject(t.projectId);
  if (!project) return;
  const when = new Date(at).toISOString();
  if (t.kind === 'cron') {
    await deps.enqueue(
      { ...branchBuild(project), causes: [{ cause: 'TimerTrigger', detail: 'Started by timer' }] },
      `timer: cron('${t.spec}') at ${when}`,
    );
    return;
  }
  const ref = refFor(project.defaultBranch);
  const remote = await remoteHead(project.repoUrl, ref);
  if ('error' in remote) {
    deps.log.warn({ project: project.name, error: remote.error }, 'pollSCM failed');
    return;
  }
  const seen = (await deps.store.getScmHead(project.id, ref)) ?? (await lastBuilt(deps, project));
  if (seen === remote.head) return;
  // Queue first, then remember: a crash between builds the change twice, never not at all.
  await deps.enqueue(
    {
      ...branchBuild(project),
      commit: remote.head,
      causes: [{ cause: 'SCMTrigger', detail: `Started by an SCM change (${ref})` }],
    },
    `pollSCM('${t.spec}'): ${ref} moved to ${remote.head.slice(0, 12)}`,
  );
  await deps.store.setScmHead(project.id, ref, remote.head);
}

function branchBuild(p: ProjectRecord): NewBuild {
  return {
    projectId: p.id,
    repoUrl: p.repoUrl,
    pipelineFile: p.pipelineFile,
    ref: p.defaultBranch,
  };
}

async function lastBuilt(deps: FireDeps, p: ProjectRecord): Promise<string | undefined> {
  const branch = p.defaultBranch === 'HEAD' ? null : p.defaultBranch;
  const builds = await deps.store.listBuilds({ projectId: p.id, limit: 20 });
  return builds.find((b) => b.commit !== null && (branch === null || b.branch === branch))
    ?.commit as string | undefined;
}
