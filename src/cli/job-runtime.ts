/**
 * What `rig agent`, the local agent of `rig serve` and the controller's
 * coordinator run builds with: the same `runBuild` and executors as
 * `rig run`, so a job behaves in CI exactly as it does on a laptop.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runnerJobRunner } from '../agent/runner-job.ts';
import type { JobRunner } from '../agent/job-runner.ts';
import type { RunCoordinator } from '../controller/ports.ts';
import { parseControllerPipeline } from '../controller/pipeline-parser.ts';
import type { ExecutorKind } from '../executors/contract.ts';
import { createLocalExecutorProvider, runBuild } from '../runner/index.ts';
import type { ExecutorProvider } from '../runner/api.ts';
import { EXECUTOR_KINDS, createExecutors } from './executors.ts';

function provider(): ExecutorProvider {
  return createLocalExecutorProvider(createExecutors(), 'host', {
    labelNote: (label) => `label '${label}': met by this agent's labels`,
  });
}

export function agentJobRunner(): JobRunner {
  return runnerJobRunner({ runBuild, parse: parseControllerPipeline, executors: provider() });
}

/** The executor kinds this machine can run, for the agent's `hello`. */
export async function availableExecutorKinds(): Promise<ExecutorKind[]> {
  const executors = createExecutors();
  const kinds = await Promise.all(
    EXECUTOR_KINDS.map(async (kind) => {
      const probe = await executors[kind]?.probe().catch(() => null);
      return probe?.available ? kind : null;
    }),
  );
  return kinds.filter((k): k is ExecutorKind => k !== null);
}

/**
 * The top level of an `agent none` build runs in the controller: it holds no
 * machine, so its steps are the ones a top level may have (none run `sh`);
 * every stage with an agent goes to `runUnit`.
 */
export function controllerCoordinator(dataDir: string): RunCoordinator {
  const executors = provider();
  return async (req) => {
    const workspace = join(dataDir, 'coordinator', req.context.buildId);
    await mkdir(workspace, { recursive: true });
    const report = await runBuild({
      pipeline: req.pipeline,
      workspace,
      context: req.context,
      executors,
      onEvent: req.onEvent,
      signal: req.signal,
      credentials: req.credentials,
      placement: { runUnit: req.runUnit },
      locks: { acquire: (resource, o) => req.acquireLock(resource, o.signal) },
    });
    return { result: report.result };
  };
}
