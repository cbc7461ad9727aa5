/**
 * The `sandbox` executor: every job in fresh Linux namespaces (mount, pid,
 * net, uts, ipc; a user namespace on request), root inside, its own
 * loopback, the workspace at its host path. Inside, a job can create network
 * namespaces and veth pairs, mount filesystems, load BPF and run podman or
 * crun; all of it dies with the sandbox.
 *
 * Without a user namespace (the default) root inside is real root, so jobs
 * can load real BPF programs and touch the host through /sys or nsenter:
 * the sandbox contains accidents and leftovers, not attackers. It is meant
 * for machines that run one tenant's jobs.
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
import { containJob } from '../job/containment.ts';
import { StepJob } from '../job/step-job.ts';
import { validateSpec } from '../job/validate.ts';
import { HostDiff } from '../ledger/host-diff.ts';
import { worldBaseline } from '../ledger/inventory.ts';
import { Ledger } from '../ledger/ledger.ts';
import { writeJobContainersConf } from '../ledger/podman-conf.ts';
import { startHolder } from './holder.ts';
import { sandboxProbe } from './probe.ts';
import { unsupportedPath } from './holder-script.ts';
import { writeSandboxStorageConf } from './podman-storage.ts';
import { SandboxWorld } from './sandbox-world.ts';
import { createUplink } from './uplink.ts';

export interface SandboxExecutorOptions {
  /** Where per-job scratch directories go (default: the OS temp directory). */
  tmpRoot?: string;
  cgroups?: CgroupPreference;
  /** Put jobs in a user namespace too (root inside is not root outside). Off by default. */
  userns?: boolean;
  /**
   * How the namespace holder sets the sandbox up: one perl process where
   * available (`auto`, fast) or the portable sh script (`sh`).
   */
  holderSetup?: 'auto' | 'sh';
}

/** Probing creates namespaces once; the answer holds for the process's life. */
const probes = new Map<string, Promise<ExecutorProbe>>();

export function createSandboxExecutor(options: SandboxExecutorOptions = {}): Executor {
  let layout: CgroupLayout | undefined;
  const cgroups = (): CgroupLayout => (layout ??= detectCgroups(options.cgroups));
  const probe = (): Promise<ExecutorProbe> => {
    const key = `${options.userns ?? false} ${options.cgroups ?? 'auto'}`;
    if (!probes.has(key)) probes.set(key, sandboxProbe(options, cgroups()));
    return probes.get(key)!;
  };
  return {
    kind: 'sandbox',
    probe,
    prepare: async (spec) => {
      const probe_ = await probe();
      if (!probe_.available) throw new ExecutorError(probe_.reason ?? 'unavailable', 'sandbox');
      return prepareSandboxJob(spec, options, cgroups());
    },
  };
}

async function prepareSandboxJob(
  spec: JobSpec,
  options: SandboxExecutorOptions,
  layout: CgroupLayout,
): Promise<Job> {
  await validateSpec(spec, 'sandbox');
  if (unsupportedPath(spec.workspace)) {
    throw new ExecutorError(
      `the sandbox cannot keep a workspace at ${spec.workspace} (it replaces /run and /tmp)`,
      'sandbox',
    );
  }
  const ledger = new Ledger();
  try {
    const cgroup = containJob(spec, layout, ledger);
    const tmpDir = await mkdtemp(join(options.tmpRoot ?? tmpdir(), `rig-${spec.jobId}-`));
    ledger.record({ kind: 'tmpdir', id: tmpDir, source: 'executor' });
    // The holder's mounts live in its own namespace, so the host snapshot can
    // be taken while it starts: start-up is dominated by the holder.
    const [diff, env, holder] = await settleAll([
      HostDiff.start({ jobId: spec.jobId, paths: [spec.workspace, tmpDir], mode: 'traced' }),
      podmanEnv(spec, tmpDir),
      startHolder({
        keep: [spec.workspace, tmpDir],
        userns: options.userns ?? false,
        setup: options.holderSetup ?? 'auto',
        ...(cgroup ? { cgroupJoin: cgroup.leaf('init') } : {}),
      }).then((started) => {
        ledger.record(
          {
            kind: 'process',
            id: String(started.pid),
            source: 'executor',
            detail: { role: 'sandbox namespaces', init: String(started.initPid) },
          },
          () => started.kill(),
        );
        return started;
      }),
    ] as const);
    if (spec.network === 'uplink') {
      const uplink = await createUplink(spec.jobId, holder.initPid);
      ledger.record(uplink.entry, () => uplink.destroy());
      spec.log(
        `sandbox uplink ${uplink.entry.id}: ${uplink.sandboxAddress} via ${uplink.hostAddress} (NAT)`,
      );
    }
    const world = new SandboxWorld(spec, {
      tmpDir,
      cgroup,
      holder,
      diff,
      userns: options.userns ?? false,
      env,
      before: await worldBaseline(holder.initPid),
    });
    return new StepJob(spec, world, ledger);
  } catch (error) {
    await ledger.destroyAll(spec.log);
    if (error instanceof ExecutorError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ExecutorError(`cannot prepare sandbox for ${spec.jobId}: ${message}`, 'sandbox', {
      cause: error,
    });
  }
}

async function podmanEnv(spec: JobSpec, tmpDir: string): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    CONTAINERS_STORAGE_CONF: await writeSandboxStorageConf(tmpDir),
  };
  const conf = await writeJobContainersConf(spec.jobId, tmpDir);
  if ('path' in conf) env.CONTAINERS_CONF = conf.path;
  else spec.log(`podman containers of this job are not marked: ${conf.skip}`);
  return env;
}

/** Like Promise.all, but waits for every part, so a failure leaves nothing half-recorded. */
async function settleAll<T extends readonly unknown[]>(parts: {
  [K in keyof T]: Promise<T[K]>;
}): Promise<T> {
  const results = await Promise.allSettled(parts);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
