/**
 * Live fragments: an SSE stream of re-rendered HTML that htmx morphs into
 * the page (`hx-sse:connect`). The bus only says "something changed"; we
 * re-read the store, render, and send when the HTML differs. Changes are
 * coalesced (a burst of events renders once) but never delayed by more
 * than `settleMs`.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveTopic } from '../../controller/live/bus.ts';
import type { WebDeps } from '../deps.ts';

export interface LiveOptions {
  topics: LiveTopic[];
  render: () => Promise<{ html: string; done: boolean }>;
  settleMs?: number;
  /** Re-render at least this often (running durations tick on). */
  refreshMs?: number;
}

export function liveFragment(c: Context, deps: WebDeps, opts: LiveOptions): Response {
  return streamSSE(c, async (stream) => {
    let dirty = true;
    let wake: (() => void) | null = null;
    const poke = (): void => {
      dirty = true;
      wake?.();
    };
    const stops = opts.topics.map((t) => deps.bus.subscribe(t, poke));
    stream.onAbort(() => wake?.());
    let last = '';
    try {
      while (!stream.aborted) {
        if (dirty) {
          dirty = false;
          const { html, done } = await opts.render();
          if (html !== last) await stream.writeSSE({ data: html });
          last = html;
          if (done) {
            await stream.writeSSE({ event: 'done', data: '' });
            return;
          }
          await stream.sleep(opts.settleMs ?? 100);
        }
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => ((dirty = true), resolve()), opts.refreshMs ?? 15_000);
          wake = () => {
            clearTimeout(t);
            wake = null;
            resolve();
          };
          if (dirty || stream.aborted) wake();
        });
      }
    } finally {
      for (const stop of stops) stop();
    }
  });
}
