/**
 * Controller-wide `lock('resource')`: one holder per resource across every
 * agent. The store is the arbiter (so two controllers on PostgreSQL agree);
 * waiters wait in memory, first come first served, and are woken on release.
 *
 * A holder is one `lock()` call: `<build>:<job>#<request>` for an agent's
 * request, `<build>:coordinator#<n>` for the controller's top level. So
 * parallel branches of one job exclude each other, and a request sent again
 * (after a reconnect or a controller restart) joins its own wait or finds
 * its lock already held. Waiters live in memory: after a restart, agents
 * send their waiting requests again (their place in the queue is not kept).
 */
import type { Store } from '../store/store.ts';

interface Waiter {
  holder: string;
  state: 'waiting' | 'granted' | 'dropped';
  resolve: () => void;
  reject: (err: Error) => void;
}

export class LockManager {
  private readonly waiters = new Map<string, Waiter[]>();
  /** Acquisitions under way, by resource and holder: a request sent again joins its own. */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly store: Store) {}

  /** Resolves once `holder` holds `resource`; rejects when the wait is dropped or aborted. */
  acquire(resource: string, holder: string, signal?: AbortSignal): Promise<void> {
    const key = `${resource}\0${holder}`;
    const under = this.pending.get(key);
    if (under) return under;
    const p = this.wait(resource, holder, signal);
    this.pending.set(key, p);
    const done = (): void => void (this.pending.get(key) === p && this.pending.delete(key));
    p.then(done, done);
    return p;
  }

  /** Releases the lock, or gives up the wait, of one holder. */
  async release(resource: string, holder: string): Promise<void> {
    this.drop(resource, (w) => w.holder === holder, 'released while waiting');
    await this.store.releaseLock(resource, holder);
    await this.wake(resource);
  }

  /**
   * Frees every lock and wait of holders starting with `holderPrefix` (a job
   * or build that ended), in one transaction with `also` when given.
   */
  async releaseAllOf(holderPrefix: string, also?: (tx: Store) => Promise<void>): Promise<void> {
    for (const resource of this.waiters.keys())
      this.drop(resource, (w) => w.holder.startsWith(holderPrefix), 'its job or build ended');
    const held = (await this.store.listLocks()).filter((l) => l.holder.startsWith(holderPrefix));
    await this.store.atomically(async (tx) => {
      if (also) await also(tx);
      await tx.releaseLocksOf(holderPrefix);
    });
    for (const resource of new Set(held.map((l) => l.resource))) await this.wake(resource);
  }

  /** Who waits for what, for the queue's reasons. */
  waitingFor(holderPrefix: string): string[] {
    const out: string[] = [];
    for (const [resource, list] of this.waiters) {
      if (list.some((w) => w.holder.startsWith(holderPrefix))) out.push(resource);
    }
    return out;
  }

  /** Joins the queue at once (so a release of the holder's job finds it), then tries the head. */
  private async wait(resource: string, holder: string, signal?: AbortSignal): Promise<void> {
    let settle!: Pick<Waiter, 'resolve' | 'reject'>;
    const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    const waiter: Waiter = { holder, state: 'waiting', ...settle };
    this.waiters.set(resource, [...(this.waiters.get(resource) ?? []), waiter]);
    signal?.addEventListener(
      'abort',
      () => this.drop(resource, (w) => w === waiter, 'the wait was cancelled'),
      { once: true },
    );
    await this.wake(resource);
    return promise;
  }

  private async wake(resource: string): Promise<void> {
    for (;;) {
      const next = this.waiters.get(resource)?.[0];
      if (!next || !(await this.store.tryLock(resource, next.holder))) return;
      if (next.state === 'granted') continue;
      // Dropped while we asked the store (its job ended): give the lock back, try the next.
      if (next.state === 'dropped') {
        await this.store.releaseLock(resource, next.holder);
        continue;
      }
      next.state = 'granted';
      this.remove(resource, next);
      next.resolve();
    }
  }

  private drop(resource: string, which: (w: Waiter) => boolean, why: string): void {
    for (const w of this.waiters.get(resource) ?? []) {
      if (!which(w)) continue;
      w.state = 'dropped';
      this.remove(resource, w);
      w.reject(new Error(`gave up waiting for lock ${resource}: ${why}`));
    }
  }

  private remove(resource: string, waiter: Waiter): void {
    const kept = (this.waiters.get(resource) ?? []).filter((w) => w !== waiter);
    if (kept.length > 0) this.waiters.set(resource, kept);
    else this.waiters.delete(resource);
  }
}
