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
import type { AttributionMode } from '../ledger/attribute.ts';
import { HostDiff } from '../ledger/host-diff.ts';
import { Ledger } from '../ledger/ledger.ts';
import { OverlapTracker } from '../ledger/overlap.ts';
import { writeJobContainersConf } from '../ledger/podman-conf.ts';
import { HostWorld } from './host-world.ts';

export interface HostExecutorOptions {
  /** Where per-job scratch directories go (default: the OS temp directory). */
  tmpRoot?: string;
  /** Which cgroup layout to use; `auto` picks what the host has (default). */
  cgroups?: CgroupPreference;
  /**
   * How the teardown diff decides what a job made (ledger/attribute.ts):
   * `traced` (default) only what is traceable to the job; `exclusive`, for
   * hosts where one Rig job runs at a time and nothing else, everything new.
   * A job that overlapped another job of this executor falls back to `traced`.
   */
  attribution?: AttributionMode;
}

export function createHostExecutor(options: HostExecutorOptions = {}): Executor {
  let layout: CgroupLayout | undefined;
  const overlap = new OverlapTracker();
  const cgroups = (): CgroupLayout => (layout ??= detectCgroups(options.cgroups));
  return {
    kind: 'host',
    probe: () => Promise.resolve(hostProbe(cgroups())),
    prepare: (spec) => prepareHostJob(spec, options, cgroups(), overlap),
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
  overlap: OverlapTracker,
): Promise<Job> {
  await validateSpec(spec, 'host');
  const ledger = new Ledger();
  try {
    const diff = await HostDiff.start({
      jobId: spec.jobId,
      paths: [spec.workspace],
      mode: options.attribution ?? 'traced',
      overlap,
      log: spec.log,
      mentions: true,
    });
    const cgroup = containJob(spec, layout, ledger);
    const tmpDir = await mkdtemp(join(options.tmpRoot ?? tmpdir(), `rig-${spec.jobId}-`));
    ledger.record({ kind: 'tmpdir', id: tmpDir, source: 'executor' });
    diff.addPath(tmpDir);
    const conf = await writeJobContainersConf(spec.jobId, tmpDir);
    if ('skip' in conf) spec.log(`podman containers of this job are not marked: ${conf.skip}`);
    const parts = { tmpDir, cgroup, diff, containersConf: 'path' in conf ? conf.path : undefined };
    return new StepJob(spec, new HostWorld(spec, parts), ledger);
  } catch (error) {
    overlap.end(spec.jobId);
    await ledger.destroyAll(spec.log);
    if (error instanceof ExecutorError) throw error;
    throw new ExecutorError(`cannot prepare host job ${spec.jobId}: ${String(error)}`, 'host', {
      cause: error,
    });
  }
}
