/**
 * Interruption scopes. Every running piece of a build holds an AbortSignal
 * whose reason, once aborted, is the `Interruption` to throw (timeout,
 * cancel, failFast). A child scope aborts with its parent; a timer can abort
 * a child alone (the `timeout` step, a stage's timeout option).
 */
import { Interruption } from './errors.ts';

export function childController(parent: AbortSignal): {
  controller: AbortController;
  dispose: () => void;
} {
  const controller = new AbortController();
  const forward = (): void => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', forward) };
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw interruptionOf(signal);
}

export function interruptionOf(signal: AbortSignal): Interruption {
  const reason: unknown = signal.reason;
  if (reason instanceof Interruption) return reason;
  return new Interruption('ABORTED', 'cancel', true, 'interrupted');
}

/** Resolves after `ms`, or rejects with the interruption when the signal aborts first. */
export function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(interruptionOf(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(interruptionOf(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits for a promise, or rejects with the interruption when the signal aborts first. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(interruptionOf(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(interruptionOf(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
