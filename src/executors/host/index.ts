/**
 * The `host` executor: steps run as processes on this machine, each in its
 * own process group carrying the job's markers. Containment is the job's
 * cgroup where we may create one, else process groups + the marker sweep.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ExecutorError,
  type Executor,
  type ExecutorProbe,
  type Job,
  type JobSpec,
} from '../contract.ts';
import { StepJob } from '../job/step-job.ts';
import { validateSpec } from '../job/validate.ts';
import { Ledger } from '../ledger/ledger.ts';
import { HostWorld } from './host-world.ts';

export interface HostExecutorOptions {
  /** Where per-job scratch directories go (default: the OS temp directory). */
  tmpRoot?: string;
}

export function createHostExecutor(options: HostExecutorOptions = {}): Executor {
  return {
    kind: 'host',
    probe: () => Promise.resolve(hostProbe()),
    prepare: (spec) => prepareHostJob(spec, options),
  };
}

function hostProbe(): ExecutorProbe {
  const facts: Record<string, string> = {
    platform: process.platform,
    root: String(process.getuid?.() === 0),
  };
  if (process.platform !== 'linux') {
    return { available: false, reason: 'the host executor needs Linux (/proc)', facts };
  }
  return { available: true, facts };
}

async function prepareHostJob(spec: JobSpec, options: HostExecutorOptions): Promise<Job> {
  await validateSpec(spec, 'host');
  const ledger = new Ledger();
  try {
    const tmpDir = await mkdtemp(join(options.tmpRoot ?? tmpdir(), `rig-${spec.jobId}-`));
    ledger.record({ kind: 'tmpdir', id: tmpDir, source: 'executor' });
    const world = new HostWorld(spec, tmpDir);
    return new StepJob(spec, world, ledger);
  } catch (error) {
    await ledger.destroyAll(spec.log);
    if (error instanceof ExecutorError) throw error;
    throw new ExecutorError(`cannot prepare host job ${spec.jobId}: ${String(error)}`, 'host', {
      cause: error,
    });
  }
}
