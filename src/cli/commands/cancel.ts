/** `rig cancel BUILD`: stop a build as Ctrl-C stops `rig run` (post still runs). */
import type { Command } from '@commander-js/extra-typings';
import { client, runClient } from './client.ts';

export function registerCancel(program: Command): void {
  program
    .command('cancel')
    .description('cancel a queued or running build')
    .argument('<build>', 'a build id or project#number')
    .option('--server <url>', 'controller URL (default: RIG_SERVER)')
    .option('--token <token>', 'API token (default: RIG_TOKEN)')
    .action((build, opts) =>
      runClient(async () => {
        const r = await client(opts).json<{ id: string; status: string }>(
          `/api/builds/${encodeURIComponent(build)}/cancel`,
          { method: 'POST' },
        );
        process.stdout.write(`cancel requested for ${r.id} (${r.status})\n`);
      }),
    );
}
