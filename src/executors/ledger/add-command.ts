/**
 * `rig ledger add KIND ID [key=value…]`: what a job runs to record something
 * it is about to create, so teardown destroys it even if the job is killed.
 * The CLI wires this function; it appends to the file named by `RIG_LEDGER`
 * (set in every step's environment by the executor).
 */
import { appendFile } from 'node:fs/promises';
import { formatLedgerLine, isLedgerKind, LEDGER_ENV, LEDGER_KINDS } from './job-file.ts';

export class LedgerAddError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerAddError';
  }
}

/** Appends one entry; rejects with a `LedgerAddError` the CLI prints as a usage error. */
export async function ledgerAdd(
  kind: string,
  id: string,
  env: Record<string, string | undefined>,
  detail: Record<string, string> = {},
): Promise<void> {
  const file = env[LEDGER_ENV];
  if (!file) throw new LedgerAddError(`${LEDGER_ENV} is not set: run this inside a Rig job`);
  if (!isLedgerKind(kind)) {
    throw new LedgerAddError(`unknown kind "${kind}" (one of ${LEDGER_KINDS.join(', ')})`);
  }
  if (!id || /\s/.test(id)) throw new LedgerAddError(`the id must be one word, got "${id}"`);
  for (const [key, value] of Object.entries(detail)) {
    if (/[\s=]/.test(key) || /\s/.test(value)) {
      throw new LedgerAddError(`detail "${key}=${value}" must be key=value without spaces`);
    }
  }
  await appendFile(file, `${formatLedgerLine(kind, id, detail)}\n`);
}
