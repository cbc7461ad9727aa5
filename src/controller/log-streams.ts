/**
 * The controller's `LogStreams` port on the log library (`logs/LogStore`):
 * one LogStore log per stream key (`<build>.<stream>`). The library keeps
 * memory bounded whatever the size (64 KiB block reads, sparse line index,
 * at most `maxOpenBuilds` open logs), appends idempotently by chunk number
 * and survives a crash of this process.
 *
 * What this adds: a wake-up for live readers (every append through here
 * notifies the key's followers) and `appendNext` for streams the controller
 * writes itself (`system`), numbered from what the log already holds so a
 * crash can never leave a gap in their chunk numbers.
 */
import { EventEmitter } from 'node:events';
import { LogStore } from './logs/index.ts';
import type { AppendOutcome, LogStreams } from './ports.ts';

export function openLogStreams(dir: string): LogStreams {
  return logStreamsOver(new LogStore({ dir }));
}

export function logStreamsOver(store: LogStore): LogStreams {
  const wake = new EventEmitter();
  wake.setMaxListeners(0);
  const tails = new Map<string, Promise<unknown>>();

  const append = async (key: string, seq: number, lines: string[]): Promise<AppendOutcome> => {
    const r = await store.append(key, seq, lines);
    if (r.status === 'appended') wake.emit(key);
    return r;
  };

  return {
    append,
    appendNext(key, lines) {
      // One writer per key in this process: read the last number, then write the next.
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous
        .catch(() => undefined)
        .then(async () => append(key, (await store.info(key)).ackedSeq + 1, lines));
      tails.set(key, next);
      void next.finally(() => {
        if (tails.get(key) === next) tails.delete(key);
      });
      return next;
    },
    lineCount: (key) => store.lineCount(key),
    byteSize: async (key) => (await store.info(key)).byteCount,
    readLines: (key, from, to) => store.readLines(key, from, Math.max(0, to - from)),
    readBytes: (key, start, end) => store.readBytes(key, start, end),
    tail: (key, n) => store.tail(key, n),
    follow(key, listener) {
      wake.on(key, listener);
      return () => void wake.off(key, listener);
    },
    close: () => store.close(),
  };
}
