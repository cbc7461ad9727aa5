/**
 * The `container` executor: each job in one OCI container (podman) from
 * `JobSpec.image` — `agent { docker { image '…' } }` and `dockerfile` map
 * here. The workspace is bound at /workspace, the scratch directory at
 * /rig/tmp; `privileged` gives the job the capabilities to create
 * namespaces, mount and run containers inside. The container carries the
 * label `rig.job=<jobId>`; steps are exec'd into it.
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
import { DEFAULT_PATH } from '../job/launch.ts';
import { StepJob } from '../job/step-job.ts';
import { validateSpec } from '../job/validate.ts';
import { HostDiff } from '../ledger/host-diff.ts';
import { worldBaseline } from '../ledger/inventory.ts';
import { Ledger } from '../ledger/ledger.ts';
import { destroyEntry } from '../ledger/destroy.ts';
import { pidNamespaceOf } from '../proc/pidns.ts';
import { resolveCommand } from '../proc/resolve.ts';
import { ContainerWorld } from './container-world.ts';
import { execLauncher } from './exec-launcher.ts';
import { containerName, ensureImage, runContainer } from './run-container.ts';

export interface ContainerExecutorOptions {
  tmpRoot?: string;
  /** Pull a missing image (`missing`, the default; never for localhost/ images) or not. */
  pull?: 'missing' | 'never';
}

export function createContainerExecutor(options: ContainerExecutorOptions = {}): Executor {
  return {
    kind: 'container',
    probe: () => Promise.resolve(containerProbe()),
    prepare: async (spec) => {
      const probe = containerProbe();
      if (!probe.available) throw new ExecutorError(probe.reason ?? 'unavailable', 'container');
      return prepareContainerJob(spec, options);
    },
  };
}

function containerProbe(): ExecutorProbe {
  const facts: Record<string, string> = { engine: 'podman' };
  if (!resolveCommand('podman', process.env.PATH ?? DEFAULT_PATH, '/')) {
    return { available: false, reason: 'podman is not installed', facts };
  }
  if (process.getuid?.() !== 0) {
    return {
      available: false,
      reason: 'the container executor runs rootful podman: run as root',
      facts,
    };
  }
  return { available: true, facts };
}

async function prepareContainerJob(spec: JobSpec, options: ContainerExecutorOptions): Promise<Job> {
  await validateSpec(spec, 'container');
  if (!spec.image) throw new ExecutorError('the container executor needs an image', 'container');
  const ledger = new Ledger();
  try {
    const diff = await HostDiff.start({
      jobId: spec.jobId,
      paths: [spec.workspace],
      mode: 'traced',
    });
    const tmpDir = await scratch(options, spec.jobId, ledger);
    const ctlDir = await scratch(options, `${spec.jobId}-ctl`, ledger);
    diff.addPath(tmpDir);
    const missing = await ensureImage(spec.image, options.pull ?? 'missing');
    if (missing) throw new ExecutorError(missing, 'container');
    const entry = {
      kind: 'container' as const,
      id: containerName(spec.jobId),
      source: 'executor' as const,
    };
    ledger.record(entry); // before it exists: a failed run may still leave it behind
    const container = await runContainer(spec, spec.image, { tmpDir, ctlDir }, spec.log);
    const launcher = await execLauncher(container, ctlDir);
    spec.log(`container ${container.name} (${spec.image}); steps enter by ${launcher.how}`);
    const world = new ContainerWorld(spec, {
      tmpDir,
      container,
      pidns: await pidNamespaceOf(container.initPid),
      launcher,
      diff,
      remove: () => destroyEntry(entry),
      before: await worldBaseline(container.initPid),
    });
    return new StepJob(spec, world, ledger);
  } catch (error) {
    await ledger.destroyAll(spec.log);
    if (error instanceof ExecutorError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ExecutorError(`cannot prepare container for ${spec.jobId}: ${message}`, 'container', {
      cause: error,
    });
  }
}

async function scratch(
  options: ContainerExecutorOptions,
  name: string,
  ledger: Ledger,
): Promise<string> {
  const dir = await mkdtemp(join(options.tmpRoot ?? tmpdir(), `rig-${name}-`));
  ledger.record({ kind: 'tmpdir', id: dir, source: 'executor' });
  return dir;
}
