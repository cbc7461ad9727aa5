/**
 * `rig agents`: the fleet with labels, status, current jobs and host facts.
 * `rig agents --clear-quarantine NAME`: the admin says NAME's host is clean.
 */
import type { Command } from '@commander-js/extra-typings';
import { client, runClient } from './client.ts';

interface AgentRow {
  name: string;
  labels: string[];
  status: string;
  statusReason: string | null;
  executors: number;
  busy: number;
  jobs: string[];
  facts: Record<string, string>;
}

export function registerAgents(program: Command): void {
  program
    .command('agents')
    .description('list agents')
    .option('--server <url>', 'controller URL (default: RIG_SERVER)')
    .option('--token <token>', 'API token (default: RIG_TOKEN)')
    .option(
      '--clear-quarantine <name>',
      "let a quarantined agent take jobs again (its host's state becomes its baseline)",
    )
    .action((opts) =>
      runClient(async () => {
        if (opts.clearQuarantine !== undefined) {
          const name = opts.clearQuarantine;
          const r = await client(opts).json<{ was: string }>(
            `/api/agents/${encodeURIComponent(name)}/unquarantine`,
            { method: 'POST' },
          );
          process.stdout.write(`${name}: quarantine cleared (was: ${r.was})\n`);
          return;
        }
        const { agents } = await client(opts).json<{ agents: AgentRow[] }>('/api/agents');
        for (const a of agents) {
          const status = a.statusReason ? `${a.status} (${a.statusReason})` : a.status;
          const host = `${a.facts.cores ?? '?'} cores, ${a.facts.kernel ?? ''}`;
          process.stdout.write(
            `${a.name.padEnd(20)} ${status.padEnd(12)} ${a.busy}/${a.executors}  [${a.labels.join(', ')}]  ${host}${a.jobs.length ? `  jobs: ${a.jobs.join(', ')}` : ''}\n`,
          );
        }
      }),
    );
}
