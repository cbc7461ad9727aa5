/**
 * In-process notifications for live views (SSE, the web UI): a build
 * changed, the queue changed, an agent changed. Never the source of truth:
 * listeners re-read the store.
 */
import { EventEmitter } from 'node:events';

export type LiveTopic = { kind: 'build'; buildId: string } | { kind: 'queue' } | { kind: 'agents' };

export class LiveBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open SSE stream is a listener; their number is bounded by connections.
    this.emitter.setMaxListeners(0);
  }

  publish(topic: LiveTopic, detail: unknown = null): void {
    this.emitter.emit(key(topic), detail);
  }

  subscribe(topic: LiveTopic, listener: (detail: unknown) => void): () => void {
    const k = key(topic);
    this.emitter.on(k, listener);
    return () => this.emitter.off(k, listener);
  }
}

function key(t: LiveTopic): string {
  return t.kind === 'build' ? `build:${t.buildId}` : t.kind;
}
