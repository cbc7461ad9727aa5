/**
 * `rig token create NAME [--agent | --scopes read,trigger,admin]`: issues an
 * API or agent token (shown once; the controller keeps only its hash).
 */
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../errors.ts';
import { client, runClient } from './client.ts';

const SCOPES = ['read', 'trigger', 'admin'] as const;
type Scope = (typeof SCOPES)[number];

function parseScopes(list: string): Scope[] {
  const scopes = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of scopes)
    if (!(SCOPES as readonly string[]).includes(s))
      throw new UsageError(`unknown scope ${s}: use ${SCOPES.join(', ')}`);
  return scopes as Scope[];
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('API and agent tokens');
  token
    .command('create')
    .description('issue a token (printed once)')
    .argument('<name>', 'what the token is for, e.g. the agent machine')
    .option('--agent', 'a token for `rig agent` (works only on the agent endpoints)')
    .option('--scopes <list>', 'user token scopes: read, trigger, admin', 'read')
    .option('--server <url>', 'controller URL (default: RIG_SERVER)')
    .option('--token <token>', 'admin token (default: RIG_TOKEN)')
    .action((name, opts) =>
      runClient(async () => {
        const body = opts.agent
          ? { name, kind: 'agent' }
          : { name, kind: 'user', scopes: parseScopes(opts.scopes) };
        const made = await client(opts).json<{ token: string }>('/api/tokens', {
          method: 'POST',
          body,
        });
        process.stdout.write(`${made.token}\n`);
      }),
    );
}
