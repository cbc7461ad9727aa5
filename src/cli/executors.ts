/**
 * The executors this machine offers, built once per process. `rig run` and
 * `rig agent` both take them from here, so a job runs through the same
 * executor code locally and in CI.
 */
import type { Executor, ExecutorKind } from '../executors/contract.ts';
import { createHostExecutor } from '../executors/host/index.ts';

export const EXECUTOR_KINDS: readonly ExecutorKind[] = ['host', 'sandbox', 'container'];

export function createExecutors(): Partial<Record<ExecutorKind, Executor>> {
  return { host: createHostExecutor() };
}

export function parseExecutorKind(value: string): ExecutorKind | undefined {
  return (EXECUTOR_KINDS as readonly string[]).includes(value)
    ? (value as ExecutorKind)
    : undefined;
}
