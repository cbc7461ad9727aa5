/**
 * Controller-wide `lock('resource')`: one holder per resource across every
 * agent. The store is the arbiter (so two controllers on PostgreSQL agree);
 * waiters wait in memory, first come first served, and are woken on release.
 */
import type { Store } from '../store/store.ts';

interface Waiter {
  holder: string;
  resolve: () => void;
}

export class LockManager {
  private readonly waiters = new Map<string, Waiter[]>();

  constructor(private readonly store: Store) {}

  async acquire(resource: string, holder: string, signal?: AbortSignal): Promise<void> {
    if (await this.store.tryLock(resource, holder)) return;
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { holder, resolve };
      const list = this.waiters.get(resource) ?? [];
      list.push(waiter);
      this.waiters.set(resource, list);
      signal?.addEventListener('abort', () => {
        this.drop(resource, waiter);
        reject(new Error(`gave up waiting for lock ${resource}`));
      });
    });
  }

  async release(resource: string, holder: string): Promise<void> {
    await this.store.releaseLock(resource, holder);
    await this.wake(resource);
  }

  async releaseAllOf(holderPrefix: string): Promise<void> {
    const held = (await this.store.listLocks()).filter((l) => l.holder.startsWith(holderPrefix));
    await this.store.releaseLocksOf(holderPrefix);
    for (const l of held) await this.wake(l.resource);
  }

  /** Who waits for what, for the queue's reasons. */
  waitingFor(holderPrefix: string): string[] {
    const out: string[] = [];
    for (const [resource, list] of this.waiters) {
      if (list.some((w) => w.holder.startsWith(holderPrefix))) out.push(resource);
    }
    return out;
  }

  private async wake(resource: string): Promise<void> {
    const list = this.waiters.get(resource);
    while (list && list.length > 0) {
      const next = list[0] as Waiter;
      if (!(await this.store.tryLock(resource, next.holder))) return;
      list.shift();
      next.resolve();
      return;
    }
  }

  private drop(resource: string, waiter: Waiter): void {
    const list = this.waiters.get(resource);
    if (list)
      this.waiters.set(
        resource,
        list.filter((w) => w !== waiter),
      );
  }
}
