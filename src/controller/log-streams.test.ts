import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openLogStreams } from './log-streams.ts';
import type { LogStreams } from './ports.ts';

async function withStreams(fn: (open: () => LogStreams) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rig-logstreams-'));
  const opened: LogStreams[] = [];
  try {
    await fn(() => {
      const s = openLogStreams(dir);
      opened.push(s);
      return s;
    });
  } finally {
    for (const s of opened) await s.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('appendNext numbers concurrent writers without a gap, and goes on after a reopen', () =>
  withStreams(async (open) => {
    const first = open();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => first.appendNext('b1.system', [`${i}`])),
    );
    assert.equal(await first.lineCount('b1.system'), 20);
    await first.close();
    const again = open();
    const r = await again.appendNext('b1.system', ['after restart']);
    assert.deepEqual(r, { status: 'appended', ackedSeq: 21, lineCount: 21 });
    assert.deepEqual(await again.readLines('b1.system', 19, 21), ['19', 'after restart']);
  }));

test('a chunk is stored once; a chunk after a gap waits for the gap', () =>
  withStreams(async (open) => {
    const s = open();
    assert.equal((await s.append('b1.j1', 1, ['a', 'b'])).status, 'appended');
    assert.equal((await s.append('b1.j1', 1, ['a', 'b'])).status, 'duplicate');
    assert.equal((await s.append('b1.j1', 3, ['d'])).status, 'buffered');
    assert.deepEqual(await s.append('b1.j1', 2, ['c']), {
      status: 'appended',
      ackedSeq: 3,
      lineCount: 4,
    });
    assert.deepEqual(await s.tail('b1.j1', 2), { firstLine: 2, lines: ['c', 'd'] });
    assert.equal(await s.byteSize('b1.j1'), 8);
    assert.equal((await s.readBytes('b1.j1', 2, 4)).toString(), 'b\n');
  }));

test('followers are woken by appends to their stream only', () =>
  withStreams(async (open) => {
    const s = open();
    let woken = 0;
    const stop = s.follow('b1.j1', () => woken++);
    await s.append('b1.j1', 1, ['x']);
    await s.append('b1.j2', 1, ['y']);
    await s.append('b1.j1', 1, ['x']);
    assert.equal(woken, 1);
    stop();
    await s.append('b1.j1', 2, ['z']);
    assert.equal(woken, 1);
  }));

test('an unknown stream reads as empty', () =>
  withStreams(async (open) => {
    const s = open();
    assert.equal(await s.lineCount('b9.nothing'), 0);
    assert.deepEqual(await s.readLines('b9.nothing', 0, 10), []);
    assert.deepEqual(await s.tail('b9.nothing', 10), { firstLine: 0, lines: [] });
  }));
