/**
 * An in-process lock provider: one holder per resource, waiters served in
 * arrival order. Shared by every build in this process (parallel stages of
 * one build, or several builds run by the same agent).
 */
import type { LockProvider } from '../api.ts';
import { Interruption } from '../errors.ts';

export class InProcessLocks implements LockProvider {
  private readonly held = new Set<string>();
  private readonly waiters = new Map<string, Array<() => void>>();

  acquire(resource: string, opts: { signal?: AbortSignal }): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        opts.signal?.removeEventListener('abort', onAbort);
        this.held.add(resource);
        resolve(this.releaser(resource));
      };
      const onAbort = (): void => {
        const queue = this.waiters.get(resource) ?? [];
        this.waiters.set(
          resource,
          queue.filter((w) => w !== grant),
        );
        const reason: unknown = opts.signal?.reason;
        reject(
          reason instanceof Error
            ? reason
            : new Interruption('ABORTED', 'cancel', true, 'lock wait interrupted'),
        );
      };
      if (opts.signal?.aborted) return onAbort();
      if (!this.held.has(resource)) return grant();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.set(resource, [...(this.waiters.get(resource) ?? []), grant]);
    });
  }

  private releaser(resource: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held.delete(resource);
      const queue = this.waiters.get(resource) ?? [];
      const next = queue.shift();
      if (queue.length === 0) this.waiters.delete(resource);
      next?.();
    };
  }
}

export const defaultLockProvider: LockProvider = new InProcessLocks();
