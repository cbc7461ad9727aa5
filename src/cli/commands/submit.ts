/** `rig submit`: queue a build on the controller; `--wait` streams its log and exits with its result. */
import { execFileSync } from 'node:child_process';
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../errors.ts';
import { client, runClient } from './client.ts';
import { followLog } from './logs.ts';

function params(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param wants K=V, got ${JSON.stringify(p)}`);
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}

function currentRepo(): string {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    throw new UsageError('not in a git repository: pass --repo PATH|URL or --project NAME');
  }
}

export function registerSubmit(program: Command): void {
  program
    .command('submit')
    .description('queue a build on the controller')
    .option('--repo <path|url>', 'repository (default: the one you are in)')
    .option('--project <name>', 'build a configured project instead')
    .option('--ref <ref>', 'branch, tag or commit')
    .option('--file <file>', 'pipeline file', 'Jenkinsfile')
    .option(
      '--param <K=V>',
      'a build parameter (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--wait', 'stream the log; exit 0 for SUCCESS, 1 otherwise')
    .option('--server <url>', 'controller URL (default: RIG_SERVER)')
    .option('--token <token>', 'API token (default: RIG_TOKEN)')
    .action((opts) =>
      runClient(async () => {
        const c = client(opts);
        const body = {
          ...(opts.project ? { project: opts.project } : { repo: opts.repo ?? currentRepo() }),
          ...(opts.ref ? { ref: opts.ref } : {}),
          pipelineFile: opts.file,
          params: params(opts.param),
        };
        const build = await c.json<{ id: string; project: string; number: number }>('/api/builds', {
          method: 'POST',
          body,
        });
        process.stderr.write(`queued ${build.project}#${build.number} (${build.id})\n`);
        if (!opts.wait) {
          process.stdout.write(`${build.id}\n`);
          return 0;
        }
        const result = await followLog(c, build.id);
        process.stderr.write(`${build.project}#${build.number}: ${result ?? 'unknown'}\n`);
        return result === 'SUCCESS' ? 0 : 1;
      }),
    );
}
