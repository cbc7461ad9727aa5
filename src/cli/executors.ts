/**
 * The executors this machine offers, built once per process. `rig run` and
 * `rig agent` both take them from here, so a job runs through the same
 * executor code locally and in CI.
 */
import type { Executor, ExecutorKind } from '../executors/contract.ts';
import { createContainerExecutor } from '../executors/container/index.ts';
import { createHostExecutor } from '../executors/host/index.ts';
import { createSandboxExecutor } from '../executors/sandbox/index.ts';

export const EXECUTOR_KINDS: readonly ExecutorKind[] = ['host', 'sandbox', 'container'];

export function createExecutors(): Partial<Record<ExecutorKind, Executor>> {
  // Creating them is cheap: each probes the host only when first asked for a job.
  return {
    host: createHostExecutor(),
    sandbox: createSandboxExecutor(),
    container: createContainerExecutor(),
  };
}

export function parseExecutorKind(value: string): ExecutorKind | undefined {
  return (EXECUTOR_KINDS as readonly string[]).includes(value)
    ? (value as ExecutorKind)
    : undefined;
}
