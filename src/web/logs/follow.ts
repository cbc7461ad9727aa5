/**
 * Live tail of one log stream for the viewer, over SSE. It sends what is
 * stored past the client's position in batches, then waits for the log
 * store to say lines arrived (no polling: the store's `follow` wakes it at
 * once). Event ids are line positions, so a reconnecting EventSource
 * resumes with `Last-Event-ID` with neither a gap nor a repeat.
 */
import type { SSEStreamingApi } from 'hono/streaming';
import { logKey } from '../../controller/scheduler/context.ts';
import type { WebDeps } from '../deps.ts';
import type { FollowBatch } from '../shared/log-api.ts';

const BATCH = 2000;
const KEEPALIVE_MS = 15_000;

export async function followLog(
  deps: WebDeps,
  s: SSEStreamingApi,
  buildId: string,
  stream: string,
  from: number,
): Promise<void> {
  const key = logKey(buildId, stream);
  let pending = false;
  let wake: (() => void) | null = null;
  const poke = (): void => {
    pending = true;
    wake?.();
  };
  const stops = [
    deps.logs.follow(key, poke),
    deps.bus.subscribe({ kind: 'build', buildId }, poke),
    deps.bus.subscribe({ kind: 'queue' }, poke),
  ];
  s.onAbort(poke);
  let pos = from;
  try {
    while (!s.aborted) {
      pending = false;
      const total = await deps.logs.lineCount(key);
      if (pos < total) {
        const lines = await deps.logs.readLines(key, pos, Math.min(total, pos + BATCH));
        const batch: FollowBatch = { firstLine: pos, lines };
        pos += lines.length;
        await s.writeSSE({ event: 'lines', id: String(pos), data: JSON.stringify(batch) });
        continue;
      }
      if ((await deps.store.getBuild(buildId))?.status === 'finished') {
        await s.writeSSE({ event: 'end', id: String(pos), data: String(pos) });
        return;
      }
      const timedOut = await new Promise<boolean>((resolve) => {
        if (pending || s.aborted) return resolve(false);
        const t = setTimeout(() => resolve(true), KEEPALIVE_MS);
        wake = () => {
          clearTimeout(t);
          resolve(false);
        };
      });
      wake = null;
      if (timedOut) await s.write(': keepalive\n\n');
    }
  } finally {
    for (const stop of stops) stop();
  }
}
