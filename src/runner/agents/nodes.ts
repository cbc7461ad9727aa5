/**
 * Getting and giving back machines. An `agent` becomes a job on an executor
 * (`executors.forAgent` picks it); releasing always tears the job down and
 * reports what teardown removed as a `teardown` event.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Agent } from '../../pipeline/model/pipeline.ts';
import type { ExecutorKind, JobSpec } from '../../executors/contract.ts';
import { log } from '../build/context.ts';
import type { BuildState, ExecContext, NodeHandle } from '../build/types.ts';
import { StepFailure } from '../errors.ts';

export async function acquireNode(ctx: ExecContext, agent: Agent): Promise<NodeHandle> {
  const build = ctx.build;
  const found = await build.options.executors.forAgent(agent);
  if ('error' in found) throw new StepFailure(found.error);
  for (const note of found.notes) log(ctx, note);
  const spec: JobSpec = {
    jobId: jobIdFor(build),
    workspace: build.options.workspace,
    log: (message) => log(ctx, message),
    ...specFromAgent(agent),
    ...(build.pipeline.options.limits
      ? { limits: withoutSpan(build.pipeline.options.limits) }
      : {}),
  };
  let job;
  try {
    job = await found.executor.prepare(spec);
  } catch (err) {
    throw new StepFailure(
      `could not prepare a ${found.executor.kind} job: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const nodeName = build.context.env.NODE_NAME ?? hostname();
  const label = 'label' in agent ? agent.label : undefined;
  const node: NodeHandle = {
    job,
    agent,
    nodeName,
    labels: [nodeName, ...(label ? [label] : []), job.executor],
    baseEnv: baseEnvFor(job.executor),
  };
  build.liveNodes.add(node);
  log(
    ctx,
    `Running on ${nodeName} (${job.executor} executor, job ${job.id}) in ${job.workspaceInside}`,
  );
  return node;
}

export async function releaseNode(build: BuildState, node: NodeHandle): Promise<void> {
  build.liveNodes.delete(node);
  const report = await node.job.teardown();
  build.emit({
    type: 'teardown',
    at: Date.now(),
    removed: report.removed.map((e) => ({ kind: e.kind, id: e.id })),
    failed: report.failed.map((f) => ({ kind: f.entry.kind, id: f.entry.id, error: f.error })),
    leftovers: report.leftovers,
  });
}

function specFromAgent(agent: Agent): Partial<JobSpec> {
  if (agent.kind === 'docker') return { image: agent.image };
  if (agent.kind === 'executor') {
    return {
      ...(agent.image ? { image: agent.image } : {}),
      ...(agent.privileged !== undefined ? { privileged: agent.privileged } : {}),
      ...(agent.network ? { network: agent.network } : {}),
    };
  }
  return {};
}

function withoutSpan<T extends { span: unknown }>(value: T): Omit<T, 'span'> {
  const { span: _span, ...rest } = value;
  return rest;
}

function jobIdFor(build: BuildState): string {
  const job =
    build.context.jobName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 20) || 'job';
  return `rig-${job}-${build.context.buildNumber}-${randomBytes(4).toString('hex')}`.slice(0, 48);
}

/** Host-like executors see the machine's environment; containers start from their image's. */
function baseEnvFor(kind: ExecutorKind): Record<string, string> {
  if (kind === 'container')
    return { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('RIG_') && k !== 'NODE_TEST_CONTEXT') out[k] = v;
  }
  return out;
}
