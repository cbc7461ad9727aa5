import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LineBatch } from './follow.ts';
import { chunkLines, withStore } from './test-support.ts';

function collector(): {
  batches: LineBatch[];
  lines: () => string[];
  ended: Promise<unknown>;
  onEnd: (e?: unknown) => void;
} {
  const batches: LineBatch[] = [];
  let resolve!: (e: unknown) => void;
  const ended = new Promise((r) => (resolve = r));
  return {
    batches,
    lines: () => batches.flatMap((b) => b.lines),
    ended,
    onEnd: (e) => resolve(e ?? 'ended'),
  };
}

/** Resolves once `predicate` holds, checking after each delivered batch. */
function until(predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => (predicate() ? resolve() : void setImmediate(check));
    check();
  });
}

test('follow delivers stored lines, then live ones, then ends when sealed', () =>
  withStore(async (store) => {
    await store.append('b', 1, chunkLines(1));
    const c = collector();
    const stop = await store.follow('b', 0, (batch) => void c.batches.push(batch), c.onEnd);
    await until(() => c.lines().length === 3);
    await store.append('b', 2, chunkLines(2));
    await store.append('b', 3, chunkLines(3));
    await store.finish('b');
    assert.equal(await c.ended, 'ended');
    assert.deepEqual(
      c.lines(),
      [1, 2, 3].flatMap((s) => chunkLines(s)),
    );
    let expectedFirst = 0;
    for (const batch of c.batches) {
      assert.equal(batch.firstLine, expectedFirst, 'batches are contiguous and in order');
      expectedFirst += batch.lines.length;
    }
    stop();
  }));

test('follow from a line in the middle, as an SSE resume does', () =>
  withStore(async (store) => {
    for (let seq = 1; seq <= 5; seq++) await store.append('b', seq, chunkLines(seq));
    await store.finish('b');
    const c = collector();
    await store.follow('b', 7, (batch) => void c.batches.push(batch), c.onEnd);
    await c.ended;
    assert.equal(c.batches[0]?.firstLine, 7);
    assert.deepEqual(c.lines(), [1, 2, 3, 4, 5].flatMap((s) => chunkLines(s)).slice(7));
  }));

test('follow from beyond the end waits for that line', () =>
  withStore(async (store) => {
    const c = collector();
    await store.follow('b', 4, (batch) => void c.batches.push(batch), c.onEnd);
    await store.append('b', 1, chunkLines(1));
    await store.append('b', 2, chunkLines(2));
    await store.finish('b');
    await c.ended;
    assert.deepEqual(c.lines(), [...chunkLines(1), ...chunkLines(2)].slice(4));
  }));

test('a slow consumer gets the next batch only after the previous one settled', () =>
  withStore(async (store) => {
    const lines = Array.from({ length: 3500 }, (_, i) => `l${i}`);
    await store.append('b', 1, lines);
    await store.finish('b');
    let busy = false;
    let overlaps = 0;
    const c = collector();
    await store.follow(
      'b',
      0,
      async (batch) => {
        if (busy) overlaps++;
        busy = true;
        await new Promise((r) => setImmediate(r));
        c.batches.push(batch);
        busy = false;
      },
      c.onEnd,
    );
    await c.ended;
    assert.equal(overlaps, 0);
    assert.deepEqual(c.lines(), lines);
    assert.ok(c.batches.length >= 4, 'delivered in bounded batches');
  }));

test('unsubscribing stops delivery', () =>
  withStore(async (store) => {
    const c = collector();
    const stop = await store.follow('b', 0, (batch) => void c.batches.push(batch), c.onEnd);
    await store.append('b', 1, ['one']);
    await until(() => c.lines().length === 1);
    stop();
    await store.append('b', 2, ['two']);
    await store.finish('b');
    await store.readLines('b', 0, 2);
    assert.deepEqual(c.lines(), ['one']);
  }));

test('a consumer that throws is ended with its error', () =>
  withStore(async (store) => {
    await store.append('b', 1, ['x']);
    const c = collector();
    await store.follow(
      'b',
      0,
      () => {
        throw new Error('socket closed');
      },
      c.onEnd,
    );
    const error = await c.ended;
    assert.equal((error as Error).message, 'socket closed');
  }));

test('closing the store ends followers with an error', () =>
  withStore(async (store) => {
    const c = collector();
    await store.follow('b', 0, () => undefined, c.onEnd);
    await store.close();
    assert.match(((await c.ended) as Error).message, /closed/);
  }));
