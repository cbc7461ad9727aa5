/**
 * Pushes queued jobs to idle matching agents. Runs whenever something
 * changes (a job queued or ended, an agent connected, drained, freed): no
 * timer, no polling. Passes never overlap, so an executor is never promised
 * twice; a kick during a pass runs one more pass after it.
 */
import type { JobAssignment } from '../../protocol/messages.ts';
import type { JobRecord } from '../store/records.ts';
import { buildContextFor } from './build-context.ts';
import type { SchedulerContext } from './context.ts';
import { endJob } from './job-end.ts';
import { pickAgent } from './matcher.ts';

export interface Kicker {
  kick(): void;
  /** No pass starts after this; resolves once the running one is over. */
  stop(): Promise<void>;
}

export function createKicker(pass: () => Promise<void>, onError: (err: unknown) => void): Kicker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      try {
        await pass();
      } catch (err) {
        onError(err);
      }
    } while (again && !stopped);
    running = null;
  };
  return {
    kick: () => {
      if (stopped) return;
      if (running) again = true;
      else running = run();
    },
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

export async function dispatchPass(ctx: SchedulerContext): Promise<void> {
  const queued = await ctx.store.jobsWithStatus(['queued']);
  let changed = false;
  for (const job of queued) {
    const build = await ctx.store.getBuild(job.buildId);
    if (!build || build.cancelRequested || build.status === 'finished') {
      await endJob(ctx, job, 'ABORTED', 'cancelled before it started');
      continue;
    }
    const pick = pickAgent(job.requirement, ctx.fleet.candidates());
    if ('reason' in pick) {
      if (job.waitReason !== pick.reason) {
        await ctx.store.updateJob(job.id, { waitReason: pick.reason });
        changed = true;
      }
      continue;
    }
    await assign(ctx, job, pick.agent.id);
    changed = true;
  }
  if (changed) ctx.bus.publish({ kind: 'queue' });
}

async function assign(ctx: SchedulerContext, job: JobRecord, agentId: string): Promise<void> {
  const agent = ctx.fleet.get(agentId);
  if (!agent?.link) return;
  const assignment = await assignmentFor(ctx, job);
  if (!assignment) return;
  // As in Jenkins, a step sees the agent it runs on, not the host name of the machine.
  assignment.context.env = { ...assignment.context.env, NODE_NAME: agent.name };
  agent.jobs.add(job.id);
  await ctx.store.updateJob(job.id, { status: 'assigned', agentId, waitReason: null });
  agent.link.send({ type: 'job.assign', job: assignment });
  ctx.log.info(
    { job: job.id, build: job.buildId, agent: agent.name, unit: job.unitPath },
    'job assigned',
  );
}

async function assignmentFor(
  ctx: SchedulerContext,
  job: JobRecord,
): Promise<JobAssignment | undefined> {
  const build = await ctx.store.getBuild(job.buildId);
  const project = build && (await ctx.store.getProject(build.projectId));
  if (!build || !project) return undefined;
  return {
    jobId: job.id,
    buildId: build.id,
    project: project.name,
    repo: { url: build.repoUrl, commit: build.commit, ref: build.ref },
    pipelineFile: build.pipelineFile,
    scope:
      job.unitPath === null
        ? null
        : { stagePath: job.unitPath, inheritedEnv: job.inheritedEnv, secretEnv: job.secretEnv },
    context: await buildContextFor(ctx.store, build, project),
    credentialsAllowed: !build.fromFork,
    attempt: job.attempt,
    maxArtifactBytes: ctx.config.maxArtifactBytes,
  };
}
