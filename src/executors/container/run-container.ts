/**
 * The job's one long-lived container: `podman run -d` from the job's image
 * with the workspace and scratch directory bound in, labelled with the job
 * id, an idle reaper as pid 1 (steps are exec'd into it), limits as podman
 * flags, and the two fixes podman needs on hosts like ours (rlimits without
 * CAP_SYS_RESOURCE; runc where crun refuses a hybrid cgroup layout).
 */
import { existsSync } from 'node:fs';
import type { JobSpec } from '../contract.ts';
import { lacksSysResource, ULIMIT_FIX } from '../ledger/podman-conf.ts';
import { briefError, runCommand } from '../proc/run-command.ts';

export const WORKSPACE_INSIDE = '/workspace';
export const TMP_INSIDE = '/rig/tmp';
export const JOB_LABEL = 'rig.job';

/** Reaps orphans; no marker in its environment, so stopping steps never stops it. */
const INIT = 'trap "exit 0" TERM; while :; do sleep 2147483647 & wait; done';
export const INIT_SLEEP_CMDLINE = 'sleep\u00002147483647\u0000';

export interface RunningContainer {
  id: string;
  name: string;
  runtime: string;
  initPid: number;
  /** podman's bundle directory (config.json) for this container. */
  bundle: string;
}

export function containerName(jobId: string): string {
  return `rig-${jobId}`;
}

/**
 * `ctlDir` becomes podman's working directory, and so conmon's: conmon writes
 * an `oom` file into its working directory when the container hits its
 * memory limit, which must not land in the agent's directory.
 */
export async function runContainer(
  spec: JobSpec,
  image: string,
  dirs: { tmpDir: string; ctlDir: string },
  log: (message: string) => void,
): Promise<RunningContainer> {
  const name = containerName(spec.jobId);
  const tmpDir = dirs.tmpDir;
  const result = await runCommand(
    ['podman', 'run', ...runArgs(spec, name, tmpDir, log), image, '/bin/sh', '-c', INIT],
    { cwd: dirs.ctlDir },
  );
  if (!result.ok) throw new Error(`podman run ${image}: ${briefError(result)}`);
  const inspect = await runCommand([
    'podman',
    'inspect',
    '--format',
    '{{.Id}} {{.OCIRuntime}} {{.State.Pid}} {{.StaticDir}}',
    name,
  ]);
  const [id = '', runtime = '', pid = '0', bundle = ''] = inspect.stdout.trim().split(' ');
  if (!inspect.ok || !id) throw new Error(`podman inspect ${name}: ${briefError(inspect)}`);
  return { id, name, runtime, initPid: Number(pid), bundle };
}

function runArgs(spec: JobSpec, name: string, tmpDir: string, log: (m: string) => void): string[] {
  const args = ['-d', '--name', name, '--label', `${JOB_LABEL}=${spec.jobId}`, '--pull', 'never'];
  args.push(
    '-v',
    `${spec.workspace}:${WORKSPACE_INSIDE}`,
    '-v',
    `${tmpDir}:${TMP_INSIDE}`,
    '--workdir',
    WORKSPACE_INSIDE,
  );
  args.push(
    '--network',
    spec.network === 'uplink' ? 'slirp4netns:allow_host_loopback=true' : 'none',
  );
  if (spec.privileged) args.push('--privileged');
  if (lacksSysResource()) for (const fix of ULIMIT_FIX) args.push('--ulimit', fix);
  if (crunRefusesThisHost()) {
    args.push('--runtime', 'runc');
    log(
      'container runtime runc: crun refuses this hybrid cgroup layout (no hugetlb hierarchy mounted)',
    );
  }
  const limits = spec.limits ?? {};
  if (limits.memoryBytes !== undefined) {
    args.push('--memory', String(limits.memoryBytes), '--memory-swap', String(limits.memoryBytes));
  }
  if (limits.cpus !== undefined) args.push('--cpus', String(limits.cpus));
  if (limits.pids !== undefined) args.push('--pids-limit', String(limits.pids));
  return args;
}

/** crun needs every v1 controller mounted on a hybrid host; hugetlb often is not. */
function crunRefusesThisHost(): boolean {
  const hybrid =
    existsSync('/sys/fs/cgroup/memory/memory.limit_in_bytes') &&
    existsSync('/sys/fs/cgroup/unified');
  return (
    hybrid && !existsSync('/sys/fs/cgroup/hugetlb/cgroup.procs') && existsSync('/usr/sbin/runc')
  );
}

/** Whether the image is here; pulls it when it may be pulled (never for localhost/ images). */
export async function ensureImage(
  image: string,
  pull: 'missing' | 'never',
): Promise<string | undefined> {
  if ((await runCommand(['podman', 'image', 'exists', image])).ok) return undefined;
  if (pull === 'never' || image.startsWith('localhost/')) {
    return `image ${image} is not on this host (build or load it; Rig does not pull ${pull === 'never' ? 'with pull: never' : 'localhost/ images'})`;
  }
  const pulled = await runCommand(['podman', 'pull', '--quiet', image], { timeoutMs: 10 * 60_000 });
  return pulled.ok ? undefined : `cannot pull image ${image}: ${briefError(pulled)}`;
}
