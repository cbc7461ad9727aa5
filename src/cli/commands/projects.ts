/** `rig projects`: list projects; `rig projects add NAME --repo R` creates or updates one. */
import type { Command } from '@commander-js/extra-typings';
import { client, runClient } from './client.ts';

export function registerProjects(program: Command): void {
  const projects = program.command('projects').description('list or add projects');
  projects
    .command('list', { isDefault: true })
    .option('--server <url>', 'controller URL (default: RIG_SERVER)')
    .option('--token <token>', 'API token (default: RIG_TOKEN)')
    .action((opts) =>
      runClient(async () => {
        const r = await client(opts).json<{
          projects: Array<{
            name: string;
            repoUrl: string;
            pipelineFile: string;
            webhook: boolean;
          }>;
        }>('/api/projects');
        for (const p of r.projects)
          process.stdout.write(
            `${p.name.padEnd(24)} ${p.repoUrl}  ${p.pipelineFile}${p.webhook ? '  (webhook)' : ''}\n`,
          );
      }),
    );
  projects
    .command('add')
    .argument('<name>')
    .requiredOption('--repo <path|url>', 'the git repository')
    .option('--file <file>', 'pipeline file', 'Jenkinsfile')
    .option(
      '--branch <glob>',
      'branch filter (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--webhook-secret <secret>', 'secret for GitHub webhooks')
    .option('--server <url>', 'controller URL (default: RIG_SERVER)')
    .option('--token <token>', 'API token (default: RIG_TOKEN)')
    .action((name, opts) =>
      runClient(async () => {
        const body = {
          name,
          repo: opts.repo,
          pipelineFile: opts.file,
          branches: opts.branch,
          webhookSecret: opts.webhookSecret ?? null,
        };
        await client(opts).json(`/api/projects/${encodeURIComponent(name)}`, {
          method: 'PUT',
          body,
        });
        process.stdout.write(`project ${name} saved\n`);
      }),
    );
}
