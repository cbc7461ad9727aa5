/**
 * Live log streams over SSE. One loop per client: send what is stored past
 * the client's position, then sleep until the log store says lines arrived
 * (or a second passes), until the build is finished and everything is sent.
 * Event ids are positions, so a reconnecting client resumes with
 * `Last-Event-ID` and gets neither a gap nor a repeat.
 */
import type { SSEStreamingApi } from 'hono/streaming';
import { logKey } from '../../scheduler/context.ts';
import type { ApiDeps } from '../deps.ts';

const BATCH = 1000;

function waker(
  deps: ApiDeps,
  keys: string[],
): { wait: (ms: number) => Promise<void>; close: () => void } {
  let wake: (() => void) | null = null;
  const stops = keys.map((k) => deps.logs.follow(k, () => wake?.()));
  const stopBus = deps.bus.subscribe({ kind: 'queue' }, () => wake?.());
  return {
    wait: (ms) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(() => ((wake = null), resolve()), ms);
        wake = () => {
          clearTimeout(t);
          wake = null;
          resolve();
        };
      }),
    close: () => {
      for (const s of stops) s();
      stopBus();
    },
  };
}

export async function followStream(
  deps: ApiDeps,
  s: SSEStreamingApi,
  buildId: string,
  stream: string,
  from: number,
): Promise<void> {
  const key = logKey(buildId, stream);
  const w = waker(deps, [key]);
  s.onAbort(w.close);
  let pos = from;
  try {
    while (!s.aborted) {
      const finished = (await deps.store.getBuild(buildId))?.status === 'finished';
      const total = await deps.logs.lineCount(key);
      if (pos < total) {
        const lines = await deps.logs.readLines(key, pos, Math.min(total, pos + BATCH));
        for (const text of lines) await s.writeSSE({ id: String(++pos), data: text });
        continue;
      }
      if (finished) {
        await s.writeSSE({ event: 'end', data: String(pos) });
        return;
      }
      await w.wait(1000);
    }
  } finally {
    w.close();
  }
}

/** Every stream of a build, interleaved as lines arrive; `data` is `{stream, line, text}`. */
export async function followBuild(
  deps: ApiDeps,
  s: SSEStreamingApi,
  buildId: string,
  resume: string,
): Promise<void> {
  const pos = new Map<string, number>();
  for (const part of resume.split(';')) {
    const [k, v] = part.split('=');
    if (k && v) pos.set(k, Number(v) || 0);
  }
  let keys: string[] = [];
  let w = waker(deps, keys);
  s.onAbort(() => w.close());
  const id = (): string => [...pos].map(([k, v]) => `${k}=${v}`).join(';');
  try {
    while (!s.aborted) {
      const build = await deps.store.getBuild(buildId);
      const jobs = await deps.store.listJobs(buildId);
      const streams = [
        'system',
        ...(build?.placement === 'controller' ? ['coordinator'] : []),
        ...jobs.map((j) => j.id),
      ];
      if (streams.length !== keys.length) {
        w.close();
        keys = streams.map((st) => logKey(buildId, st));
        w = waker(deps, keys);
      }
      let sent = false;
      for (const st of streams) {
        const key = logKey(buildId, st);
        const at = pos.get(st) ?? 0;
        const total = await deps.logs.lineCount(key);
        if (at >= total) continue;
        const lines = await deps.logs.readLines(key, at, Math.min(total, at + BATCH));
        lines.forEach((text, i) => pos.set(st, at + i + 1));
        pos.set(st, at + lines.length);
        const data = lines
          .map((text, i) => JSON.stringify({ stream: st, line: at + i, text }))
          .join('\n');
        await s.writeSSE({ event: 'lines', id: id(), data });
        sent = true;
      }
      if (sent) continue;
      if (build?.status === 'finished') {
        await s.writeSSE({ event: 'end', data: JSON.stringify({ result: build.result }) });
        return;
      }
      await w.wait(1000);
    }
  } finally {
    w.close();
  }
}
