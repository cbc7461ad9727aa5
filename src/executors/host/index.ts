/**
 * The `host` executor: steps run as processes on this machine, each in its
 * own process group carrying the job's markers. Containment is the job's
 * cgroup where we may create one, else process groups + the marker sweep
 * (and the build log says so).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectCgroups, type CgroupLayout, type CgroupPreference } from '../cgroup/index.ts';
import {
  ExecutorError,
  type Executor,
  type ExecutorProbe,
  type Job,
  type JobSpec,
} from '../contract.ts';
import { containJob, describeLayout } from '../job/containment.ts';
import { StepJob } from '../job/step-job.ts';
import { validateSpec } from '../job/validate.ts';
import { Ledger } from '../ledger/ledger.ts';
import { HostWorld } from './host-world.ts';

export interface HostExecutorOptions {
  /** Where per-job scratch directories go (default: the OS temp directory). */
  tmpRoot?: string;
  /** Which cgroup layout to use; `auto` picks what the host has (default). */
  cgroups?: CgroupPreference;
}

export function createHostExecutor(options: HostExecutorOptions = {}): Executor {
  let layout: CgroupLayout | undefined;
  const cgroups = (): CgroupLayout => (layout ??= detectCgroups(options.cgroups));
  return {
    kind: 'host',
    probe: () => Promise.resolve(hostProbe(cgroups())),
    prepare: (spec) => prepareHostJob(spec, options, cgroups()),
  };
}

function hostProbe(layout: CgroupLayout): ExecutorProbe {
  const facts: Record<string, string> = {
    platform: process.platform,
    root: String(process.getuid?.() === 0),
    containment: describeLayout(layout),
  };
  if (process.platform !== 'linux') {
    return { available: false, reason: 'the host executor needs Linux (/proc)', facts };
  }
  return { available: true, facts };
}

async function prepareHostJob(
  spec: JobSpec,
  options: HostExecutorOptions,
  layout: CgroupLayout,
): Promise<Job> {
  await validateSpec(spec, 'host');
  const ledger = new Ledger();
  try {
    const cgroup = containJob(spec, layout, ledger);
    const tmpDir = await mkdtemp(join(options.tmpRoot ?? tmpdir(), `rig-${spec.jobId}-`));
    ledger.record({ kind: 'tmpdir', id: tmpDir, source: 'executor' });
    return new StepJob(spec, new HostWorld(spec, tmpDir, cgroup), ledger);
  } catch (error) {
    await ledger.destroyAll(spec.log);
    if (error instanceof ExecutorError) throw error;
    throw new ExecutorError(`cannot prepare host job ${spec.jobId}: ${String(error)}`, 'host', {
      cause: error,
    });
  }
}
