/** `rig ledger add KIND ID [key=value…]`: run inside a job to have teardown destroy what it creates. */
import type { Command } from '@commander-js/extra-typings';
import { LedgerAddError, ledgerAdd } from '../../executors/ledger/add-command.ts';
import { UsageError } from '../errors.ts';

export function registerLedger(program: Command): void {
  const ledger = program
    .command('ledger')
    .description("the job's resource ledger (docs/executors.md)");
  ledger
    .command('add')
    .description('record something this job creates (netns, link, mount, container, tmpdir, …)')
    .argument('<kind>', 'netns, link, mount, container, cgroup, tmpdir, loop, process, vm, machine')
    .argument('<id>', 'its name, path or id')
    .argument('[details...]', 'key=value details teardown needs (e.g. netns=NAME for a link)')
    .action(async (kind, id, details) => {
      try {
        await ledgerAdd(kind, id, process.env, parseDetails(details));
      } catch (err) {
        if (err instanceof LedgerAddError) throw new UsageError(err.message);
        throw err;
      }
    });
}

function parseDetails(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`details are key=value, got '${pair}'`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}
