import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { withStore } from './test-support.ts';

/** Line i of the generated log: about 100 bytes, some of them multi-byte. */
const line = (i: number): string =>
  `${String(i).padStart(8, '0')} step output ✓ ${'x'.repeat(60 + (i % 23))} end`;
const linesPerChunk = 1000;

test('a 100 MB log: counts, tail, ranges and bytes are served from the right place', () =>
  withStore(async (store, dir) => {
    let bytes = 0;
    let seq = 0;
    let total = 0;
    while (bytes < 100 * 1024 * 1024) {
      const lines = Array.from({ length: linesPerChunk }, (_, k) => line(total + k));
      for (const l of lines) bytes += Buffer.byteLength(l) + 1;
      await store.append('big', ++seq, lines);
      total += lines.length;
    }
    await store.finish('big');
    assert.equal((await stat(join(dir, 'big.log'))).size, bytes);
    assert.equal(await store.lineCount('big'), total);
    assert.equal((await stat(join(dir, 'big.idx'))).size, 8 + 8 * Math.ceil(total / 1000));

    const tail = await store.tail('big', 1000);
    assert.equal(tail.firstLine, total - 1000);
    assert.deepEqual(
      tail.lines,
      Array.from({ length: 1000 }, (_, k) => line(total - 1000 + k)),
    );

    for (const from of [0, 999, 1000, 123_457, Math.floor(total / 2), total - 3]) {
      const want = Array.from({ length: Math.min(50, total - from) }, (_, k) => line(from + k));
      assert.deepEqual(await store.readLines('big', from, 50), want, `lines from ${from}`);
    }
    const last = await store.readBytes('big', bytes - 10, bytes + 10);
    assert.equal(last.toString(), line(total - 1).slice(-9) + '\n');

    const seen: string[] = [];
    let ended = false;
    await store.follow(
      'big',
      total - 5,
      (batch) => void seen.push(...batch.lines),
      () => (ended = true),
    );
    await new Promise<void>((resolve) => {
      const check = (): void => (ended ? resolve() : void setImmediate(check));
      check();
    });
    assert.deepEqual(seen, tail.lines.slice(-5));
  }));
