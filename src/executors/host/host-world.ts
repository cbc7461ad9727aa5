/**
 * How host steps start: the resolved command itself, entered into the job's
 * cgroup by a one-line sh prologue (Node cannot run code between fork and
 * exec, and joining after spawn would miss what the step forks at once).
 */
import { joinScript, STEPS_LEAF, type JobCgroup } from '../cgroup/index.ts';
import type { JobSpec, SpawnRequest } from '../contract.ts';
import { resolveOnHost } from '../job/launch.ts';
import type { Launch, World } from '../job/world.ts';
import type { ProcessContainer } from '../proc/stop.ts';

export class HostWorld implements World {
  readonly kind = 'host' as const;
  readonly workspaceInside: string;
  readonly tmpDirInside: string;
  readonly stepEnv: Record<string, string> = {};
  readonly steps: ProcessContainer | undefined;
  private readonly joinFiles: string[] | undefined;

  constructor(
    spec: JobSpec,
    readonly tmpDir: string,
    cgroup: JobCgroup | undefined,
  ) {
    this.workspaceInside = spec.workspace;
    this.tmpDirInside = tmpDir;
    this.joinFiles = cgroup?.leaf(STEPS_LEAF);
    this.steps = cgroup && {
      members: () => cgroup.members(STEPS_LEAF),
      killAll: () => cgroup.kill(STEPS_LEAF),
    };
  }

  launch(req: SpawnRequest, env: Record<string, string>): Launch | { error: string } {
    const resolved = resolveOnHost(req.argv, env, req.cwd);
    if ('error' in resolved) return resolved;
    const command = [resolved.file, ...req.argv.slice(1)];
    if (!this.joinFiles) return { argv: command, argv0: req.argv[0]!, env, cwd: req.cwd };
    return { argv: ['/bin/sh', '-c', joinScript(this.joinFiles), ...command], env, cwd: req.cwd };
  }
}
