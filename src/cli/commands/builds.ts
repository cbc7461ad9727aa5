/** `rig builds`: recent builds, newest first. */
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../errors.ts';
import { client, runClient } from './client.ts';

interface Row {
  id: string;
  project: string;
  number: number;
  status: string;
  result: string | null;
  branch: string | null;
  waitReason: string | null;
}

export function registerBuilds(program: Command): void {
  program
    .command('builds')
    .description('list recent builds')
    .option('--project <name>', 'only this project')
    .option('--limit <n>', 'how many', '20')
    .option('--server <url>', 'controller URL (default: RIG_SERVER)')
    .option('--token <token>', 'API token (default: RIG_TOKEN)')
    .action((opts) =>
      runClient(async () => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit <= 0)
          throw new UsageError('--limit wants a positive integer');
        const q = new URLSearchParams({
          limit: String(limit),
          ...(opts.project ? { project: opts.project } : {}),
        });
        const { builds } = await client(opts).json<{ builds: Row[] }>(`/api/builds?${q}`);
        for (const b of builds) {
          const state = b.status === 'finished' ? (b.result ?? '?') : b.status.toUpperCase();
          const why = b.waitReason ? `  (${b.waitReason})` : '';
          process.stdout.write(
            `${b.id}  ${`${b.project}#${b.number}`.padEnd(24)} ${state.padEnd(9)} ${b.branch ?? ''}${why}\n`,
          );
        }
      }),
    );
}
