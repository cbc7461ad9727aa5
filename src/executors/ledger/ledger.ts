/**
 * The resource ledger of one job: what it created that outlives its
 * processes. Entries are destroyed in reverse order of recording, each by its
 * own destroyer (the executor's, or the default for its kind), and the
 * outcome is a value: removed or failed with the reason.
 */
import type { LedgerEntry, TeardownReport } from '../contract.ts';
import { destroyEntry, removeContainers } from './destroy.ts';

/** Returns normally when the thing is gone (or was already gone); throws otherwise. */
export type Destroyer = (entry: LedgerEntry) => Promise<void>;

interface Recorded {
  entry: LedgerEntry;
  destroy: Destroyer;
}

export class Ledger {
  private readonly recorded: Recorded[] = [];

  /** Records an entry; a second record of the same kind and id is ignored. */
  record(entry: LedgerEntry, destroy: Destroyer = destroyEntry): boolean {
    if (this.has(entry)) return false;
    this.recorded.push({ entry, destroy });
    return true;
  }

  has(entry: Pick<LedgerEntry, 'kind' | 'id' | 'detail'>): boolean {
    return this.recorded.some((r) => sameEntry(r.entry, entry));
  }

  entries(): LedgerEntry[] {
    return this.recorded.map((r) => r.entry);
  }

  /** Destroys everything, newest first; the ledger is empty afterwards. */
  async destroyAll(
    log: (message: string) => void,
  ): Promise<Pick<TeardownReport, 'removed' | 'failed'>> {
    const removed: LedgerEntry[] = [];
    const failed: TeardownReport['failed'] = [];
    const settle = (entry: LedgerEntry, error: unknown): void => {
      if (error === undefined) {
        removed.push(entry);
        log(`removed ${describeEntry(entry)}`);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      failed.push({ entry, error: message });
      log(`could not remove ${describeEntry(entry)}: ${message}`);
    };
    const pending = this.recorded.splice(0).reverse();
    while (pending.length > 0) {
      const batch = takeContainerRun(pending);
      if (batch.length > 0) {
        const outcome = await removeContainers(batch.map((r) => r.entry.id));
        for (const r of batch) settle(r.entry, outcome.get(r.entry.id));
        continue;
      }
      const { entry, destroy } = pending.shift()!;
      settle(
        entry,
        await destroy(entry).then(
          () => undefined,
          (e: unknown) => e ?? 'failed',
        ),
      );
    }
    return { removed, failed };
  }
}

/** Consecutive containers with the default destroyer go to podman in one call. */
function takeContainerRun(pending: Recorded[]): Recorded[] {
  let n = 0;
  while (
    n < pending.length &&
    pending[n]!.entry.kind === 'container' &&
    pending[n]!.destroy === destroyEntry
  )
    n++;
  return n > 1 ? pending.splice(0, n) : [];
}

export function describeEntry(entry: LedgerEntry): string {
  const where = entry.detail?.netns ? ` in netns ${entry.detail.netns}` : '';
  const went = entry.detail?.inside ? `, with the ${entry.detail.inside}` : '';
  return `${entry.kind} ${entry.id}${where} (${entry.source}${went})`;
}

function sameEntry(a: Pick<LedgerEntry, 'kind' | 'id' | 'detail'>, b: typeof a): boolean {
  return a.kind === b.kind && a.id === b.id && (a.detail?.netns ?? '') === (b.detail?.netns ?? '');
}
