/**
 * Entering the job's container for a step. `podman exec` costs ~250 ms of
 * podman start-up per step here; asking the OCI runtime (crun or runc)
 * directly costs ~20 ms. The runtime gets a process.json built from the
 * container's own process spec (capabilities, rlimits, user) with the step's
 * argv, environment and cwd, so secrets never appear on a command line; the
 * file lives in a control directory the container cannot see and is removed
 * once the step ends. Steps run through `/bin/sh -c 'exec "$@"'` so a missing
 * command is the shell's 127 with its message, as on the host.
 */
import { existsSync } from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpawnRequest } from '../contract.ts';
import type { Launch } from '../job/world.ts';
import { BUILD_MARKER, STEP_MARKER } from '../proc/markers.ts';
import type { RunningContainer } from './run-container.ts';

export interface ExecLauncher {
  readonly how: string;
  launch(req: SpawnRequest, env: Record<string, string>): Launch;
}

interface ProcessSpec {
  env?: string[];
  [key: string]: unknown;
}

const RUNTIME_ROOTS: Record<string, string> = { crun: '/run/crun', runc: '/run/runc' };

export async function execLauncher(ctr: RunningContainer, ctlDir: string): Promise<ExecLauncher> {
  const root = RUNTIME_ROOTS[ctr.runtime];
  const config = join(ctr.bundle, 'config.json');
  if (root && existsSync(join(root, ctr.id)) && existsSync(config)) {
    const base = (JSON.parse(await readFile(config, 'utf8')) as { process: ProcessSpec }).process;
    return runtimeExec(ctr, root, base, ctlDir);
  }
  return podmanExec(ctr);
}

function runtimeExec(
  ctr: RunningContainer,
  root: string,
  base: ProcessSpec,
  ctlDir: string,
): ExecLauncher {
  let counter = 0;
  return {
    how: `${ctr.runtime} exec`,
    launch(req, env) {
      const file = join(ctlDir, `process-${++counter}.json`);
      const merged = { ...Object.fromEntries((base.env ?? []).map(splitEnv)), ...env };
      const spec = {
        ...base,
        terminal: false,
        args: ['/bin/sh', '-c', 'exec "$@"', 'sh', ...req.argv],
        env: Object.entries(merged).map(([k, v]) => `${k}=${v}`),
        cwd: req.cwd,
      };
      writeFileSync(file, JSON.stringify(spec), { mode: 0o600 });
      return {
        argv: [ctr.runtime, '--root', root, 'exec', '--process', file, ctr.id],
        env: relayEnv(env),
        cwd: '/',
        relay: true,
        signalsAsCodes: true,
        afterExit: () => rmSync(file, { force: true }),
      };
    },
  };
}

function podmanExec(ctr: RunningContainer): ExecLauncher {
  return {
    how: 'podman exec',
    launch(req, env) {
      // `-e KEY` takes the value from podman's own environment: no secret on the command line.
      const keys = Object.keys(env).flatMap((k) => ['-e', k]);
      const command = ['/bin/sh', '-c', 'exec "$@"', 'sh', ...req.argv];
      return {
        argv: ['podman', 'exec', ...keys, '--workdir', req.cwd, ctr.id, ...command],
        env,
        cwd: '/',
        relay: true,
        signalsAsCodes: true,
      };
    },
  };
}

/** The runtime client on the host carries only the markers (and a PATH to run). */
function relayEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    [BUILD_MARKER]: env[BUILD_MARKER] ?? '',
    [STEP_MARKER]: env[STEP_MARKER] ?? '',
  };
}

function splitEnv(entry: string): [string, string] {
  const eq = entry.indexOf('=');
  return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
}
