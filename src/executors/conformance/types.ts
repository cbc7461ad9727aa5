/** The shapes of the conformance suite: options, the context a case gets, a case. */
import type { Executor, Job, JobSpec, TeardownReport } from '../contract.ts';

export interface SuiteOptions {
  /** Shown in test names: "host", "sandbox", "container". */
  name: string;
  /** A fresh executor (called once per case). */
  create: () => Executor;
  /** Spec fields this executor needs (an image…). */
  spec?: Partial<Omit<JobSpec, 'jobId' | 'workspace' | 'log'>>;
  /** Cases this executor cannot meet, with the reason printed as the skip message. */
  skip?: Record<string, string>;
  /** Every case is skipped with this reason (podman or the image is missing here). */
  skipAll?: string;
}

export interface CaseContext {
  options: SuiteOptions;
  /** Prepares a job, runs `body`, always tears down; returns the teardown report. */
  withJob(
    body: (job: Job, spec: JobSpec) => Promise<void>,
    overrides?: Partial<JobSpec>,
  ): Promise<TeardownReport>;
  /** A spec with a fresh job id and workspace; the caller owns its cleanup. */
  newSpec(overrides?: Partial<JobSpec>): Promise<JobSpec>;
}

export interface Case {
  name: string;
  run(ctx: CaseContext): Promise<unknown>;
}
