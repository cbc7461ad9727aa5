/**
 * The agent half of controller-wide `lock()`: each call is a request with
 * its own id. Nothing is lost across a disconnect: `hello` lists every lock
 * the agent holds or waits for (the controller frees the ones it does not
 * list, such as a release sent into a dead socket), and after `welcome` the
 * waiting requests are sent again; the controller answers a request it has
 * already granted at once.
 */
import type { AgentMessage } from '../protocol/messages.ts';
import type { LockProvider } from '../runner/api.ts';

interface Request {
  jobId: string;
  resource: string;
  held: boolean;
  grant: () => void;
}

export type HeldLock = NonNullable<Extract<AgentMessage, { type: 'hello' }>['locks']>[number];

export class AgentLocks {
  private readonly requests = new Map<string, Request>();
  private seq = 0;

  /** `send` returns false when the message could not go out now. */
  constructor(private readonly send: (m: AgentMessage) => boolean) {}

  forJob(jobId: string): LockProvider {
    return { acquire: (resource, { signal }) => this.acquire(jobId, resource, signal) };
  }

  granted(requestId: string): void {
    const r = this.requests.get(requestId);
    if (!r || r.held) return;
    r.held = true;
    r.grant();
  }

  /** For `hello`. */
  state(): HeldLock[] {
    return [...this.requests].map(([requestId, r]) => ({
      jobId: r.jobId,
      requestId,
      resource: r.resource,
      held: r.held,
    }));
  }

  /** After `welcome`: ask again for what we still wait for. */
  resendWaiting(): void {
    for (const [requestId, r] of this.requests)
      if (!r.held)
        this.send({ type: 'lock.acquire', requestId, jobId: r.jobId, resource: r.resource });
  }

  /** A job is over: its locks are the controller's to free. */
  forgetJob(jobId: string): void {
    for (const [id, r] of this.requests) if (r.jobId === jobId) this.requests.delete(id);
  }

  private acquire(jobId: string, resource: string, signal?: AbortSignal): Promise<() => void> {
    const requestId = `${jobId}:${++this.seq}`;
    const release = (): void => {
      if (!this.requests.delete(requestId)) return;
      this.send({ type: 'lock.release', jobId, resource, requestId });
    };
    return new Promise((resolve, reject) => {
      this.requests.set(requestId, { jobId, resource, held: false, grant: () => resolve(release) });
      signal?.addEventListener(
        'abort',
        () => {
          if (this.requests.get(requestId)?.held !== false) return;
          release();
          reject(new Error(`cancelled while waiting for lock ${resource}`));
        },
        { once: true },
      );
      this.send({ type: 'lock.acquire', requestId, jobId, resource });
    });
  }
}
