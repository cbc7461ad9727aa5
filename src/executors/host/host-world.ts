/** How host steps start: the resolved command itself, in the job's scratch space. */
import type { JobSpec, SpawnRequest } from '../contract.ts';
import { resolveOnHost } from '../job/launch.ts';
import type { Launch, World } from '../job/world.ts';

export class HostWorld implements World {
  readonly kind = 'host' as const;
  readonly workspaceInside: string;
  readonly tmpDirInside: string;
  readonly stepEnv: Record<string, string> = {};

  constructor(
    spec: JobSpec,
    readonly tmpDir: string,
  ) {
    this.workspaceInside = spec.workspace;
    this.tmpDirInside = tmpDir;
  }

  launch(req: SpawnRequest, env: Record<string, string>): Launch | { error: string } {
    const resolved = resolveOnHost(req.argv, env, req.cwd);
    if ('error' in resolved) return resolved;
    return { argv: [resolved.file, ...req.argv.slice(1)], argv0: req.argv[0]!, env, cwd: req.cwd };
  }
}
