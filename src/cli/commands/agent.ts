/**
 * `rig agent --server URL --token T --labels a,b [--name N] [--executors N] [--host-check]`.
 * SIGTERM drains: running jobs finish, no new ones are taken.
 */
import { cpus, hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import pino from 'pino';
import { UsageError } from '../errors.ts';
import { startRigAgent } from '../agent-setup.ts';
import { availableExecutorKinds } from '../job-runtime.ts';

export function registerAgent(program: Command): void {
  program
    .command('agent')
    .description('run jobs for a controller')
    .option('--server <url>', 'controller URL (default: RIG_SERVER)')
    .option('--token <token>', 'agent token (default: RIG_AGENT_TOKEN)')
    .option('--labels <list>', 'comma-separated labels', '')
    .option('--name <name>', 'agent name', hostname())
    .option('--executors <n>', 'jobs at a time', String(Math.max(1, Math.floor(cpus().length / 2))))
    .option('--data <dir>', 'workspaces, mirrors and spool', '.rig-agent')
    .option(
      '--host-check',
      'after each job, compare the whole host with its state at start; any difference quarantines the agent (for a machine the agent has to itself)',
    )
    .action(async (opts) => {
      const server = opts.server ?? process.env.RIG_SERVER;
      const token = opts.token ?? process.env.RIG_AGENT_TOKEN;
      if (!server) throw new UsageError('no server: pass --server URL or set RIG_SERVER');
      if (!token) throw new UsageError('no token: pass --token T or set RIG_AGENT_TOKEN');
      const executors = Number(opts.executors);
      if (!Number.isInteger(executors) || executors < 1)
        throw new UsageError('--executors wants a positive integer');
      const agent = await startRigAgent({
        server,
        token,
        name: opts.name,
        labels: opts.labels
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean),
        executors,
        executorKinds: await availableExecutorKinds(),
        dataDir: resolve(opts.data),
        log: pino({ level: process.env.RIG_LOG_LEVEL ?? 'info' }, pino.destination(2)),
        hostCheck: opts.hostCheck === true,
      });
      await new Promise<void>((done) => {
        process.once('SIGTERM', () => void agent.drain().then(() => (agent.stop(), done())));
        process.once('SIGINT', () => (agent.stop(), done()));
      });
    });
}
