import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { LogStore } from './log-store.ts';
import { chunkLines, withStore } from './test-support.ts';

test('appends chunks in order and reads lines, bytes and counts back', () =>
  withStore(async (store, dir) => {
    assert.deepEqual(await store.append('b1', 1, ['one', 'two']), {
      status: 'appended',
      ackedSeq: 1,
      lineCount: 2,
    });
    assert.deepEqual(await store.append('b1', 2, ['three']), {
      status: 'appended',
      ackedSeq: 2,
      lineCount: 3,
    });
    assert.deepEqual(await store.readLines('b1', 0, 10), ['one', 'two', 'three']);
    assert.deepEqual(await store.readLines('b1', 1, 1), ['two']);
    assert.deepEqual(await store.readLines('b1', 3, 5), []);
    assert.equal((await store.readBytes('b1', 4, 7)).toString(), 'two');
    assert.equal((await store.readBytes('b1', 0, 1e9)).toString(), 'one\ntwo\nthree\n');
    assert.equal(await store.lineCount('b1'), 3);
    assert.equal(await readFile(join(dir, 'b1.log'), 'utf8'), 'one\ntwo\nthree\n');
  }));

test('a chunk already stored is ignored, including overlapping resends', () =>
  withStore(async (store) => {
    for (const seq of [1, 2, 3]) await store.append('b', seq, chunkLines(seq));
    // The agent reconnects and resends everything it has not seen acknowledged.
    for (const seq of [2, 3, 4]) await store.append('b', seq, chunkLines(seq));
    assert.equal((await store.append('b', 1, ['different'])).status, 'duplicate');
    assert.deepEqual(
      await store.readLines('b', 0, 100),
      [1, 2, 3, 4].flatMap((s) => chunkLines(s)),
    );
  }));

test('chunks after a gap wait for it, then are written in sequence order', () =>
  withStore(async (store) => {
    await store.append('b', 1, chunkLines(1));
    assert.deepEqual(await store.append('b', 4, chunkLines(4)), {
      status: 'buffered',
      ackedSeq: 1,
      lineCount: 3,
    });
    assert.equal((await store.append('b', 3, chunkLines(3))).status, 'buffered');
    assert.equal((await store.append('b', 3, chunkLines(3))).status, 'buffered');
    assert.deepEqual((await store.info('b')).missingSeqs, [2]);
    assert.deepEqual(await store.append('b', 2, chunkLines(2)), {
      status: 'appended',
      ackedSeq: 4,
      lineCount: 12,
    });
    assert.deepEqual(
      await store.readLines('b', 0, 100),
      [1, 2, 3, 4].flatMap((s) => chunkLines(s)),
    );
    assert.deepEqual((await store.info('b')).missingSeqs, []);
  }));

test('held chunks are bounded: beyond the limit they are rejected for a later resend', () =>
  withStore(
    async (store) => {
      assert.equal((await store.append('b', 2, ['x'.repeat(60)])).status, 'buffered');
      assert.equal((await store.append('b', 3, ['y'.repeat(60)])).status, 'rejected');
      await store.append('b', 1, ['first']);
      assert.equal((await store.append('b', 3, ['y'.repeat(60)])).status, 'appended');
      assert.equal(await store.lineCount('b'), 3);
    },
    { maxPendingBytes: 100 },
  ));

test('finish writes held chunks after a note about the missing ones, then seals', () =>
  withStore(async (store) => {
    await store.append('b', 1, ['a']);
    await store.append('b', 4, ['d']);
    await store.finish('b');
    assert.deepEqual(await store.readLines('b', 0, 10), [
      'a',
      '[rig] log chunks 2-3 never arrived; lines are missing here',
      'd',
    ]);
    assert.deepEqual(await store.append('b', 2, ['late']), {
      status: 'sealed',
      ackedSeq: 4,
      lineCount: 3,
    });
    assert.equal((await store.info('b')).sealed, true);
    await store.finish('b');
  }));

test('bad sequence numbers are rejected', () =>
  withStore(async (store) => {
    for (const seq of [0, -1, 1.5, Number.NaN])
      assert.equal((await store.append('b', seq, ['x'])).status, 'rejected');
    assert.equal(await store.lineCount('b'), 0);
  }));

test('lines with line breaks become several lines; huge lines are split', () =>
  withStore(
    async (store) => {
      await store.append('b', 1, ['a\nb', 'x'.repeat(25), 'a' + '😀'.repeat(6)]);
      assert.deepEqual(await store.readLines('b', 0, 20), [
        'a',
        'b',
        'x'.repeat(10),
        'x'.repeat(10),
        'x'.repeat(5),
        // Cutting at 10 would split an emoji's surrogate pair: the cut moves back one.
        'a' + '😀'.repeat(4),
        '😀'.repeat(2),
      ]);
    },
    { maxLineLength: 10 },
  ));

test('empty lines and empty chunks are kept', () =>
  withStore(async (store) => {
    await store.append('b', 1, ['', 'x', '']);
    await store.append('b', 2, []);
    assert.deepEqual(await store.append('b', 3, ['']), {
      status: 'appended',
      ackedSeq: 3,
      lineCount: 4,
    });
    assert.deepEqual(await store.readLines('b', 0, 10), ['', 'x', '', '']);
    assert.deepEqual(await store.tail('b', 2), { firstLine: 2, lines: ['', ''] });
  }));

test('tail returns the last lines and where they start', () =>
  withStore(async (store) => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'é'.repeat(i % 50)}`);
    for (let seq = 1; seq <= 50; seq++)
      await store.append('b', seq, lines.slice((seq - 1) * 100, seq * 100));
    assert.deepEqual(await store.tail('b', 3), { firstLine: 4997, lines: lines.slice(-3) });
    assert.deepEqual(await store.tail('b', 1000), { firstLine: 4000, lines: lines.slice(-1000) });
    assert.deepEqual(await store.tail('b', 99999), { firstLine: 0, lines });
    assert.deepEqual(await store.tail('b', 0), { firstLine: 5000, lines: [] });
  }));

test('line ranges served through the index match a model, whatever the chunking', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.array(
          fc.string({ maxLength: 30 }).map((s) => s.replace(/\n/g, '')),
          { maxLength: 30 },
        ),
        { minLength: 1, maxLength: 30 },
      ),
      fc.array(fc.tuple(fc.nat(500), fc.nat(200)), { minLength: 1, maxLength: 10 }),
      async (chunks, reads) =>
        withStore(
          async (store) => {
            for (const [i, chunk] of chunks.entries()) await store.append('b', i + 1, chunk);
            const model = chunks.flat();
            for (const [from, count] of reads) {
              assert.deepEqual(
                await store.readLines('b', from, count),
                model.slice(from, from + count),
              );
            }
            const n = reads[0]![1];
            assert.deepEqual((await store.tail('b', n)).lines, n === 0 ? [] : model.slice(-n));
          },
          { indexInterval: 7 },
        ),
    ),
    { numRuns: 40 },
  );
});

test('state survives a restart: duplicates are still recognised', () =>
  withStore(async (store, dir) => {
    await store.append('b', 1, chunkLines(1));
    await store.append('b', 2, chunkLines(2));
    await store.close();
    const again = new LogStore({ dir });
    try {
      assert.equal((await again.append('b', 2, chunkLines(2))).status, 'duplicate');
      assert.deepEqual(await again.append('b', 3, chunkLines(3)), {
        status: 'appended',
        ackedSeq: 3,
        lineCount: 9,
      });
      assert.deepEqual(
        await again.readLines('b', 0, 100),
        [1, 2, 3].flatMap((s) => chunkLines(s)),
      );
    } finally {
      await again.close();
    }
  }));

test('reading a build that has no log gives empty results and creates nothing', () =>
  withStore(async (store, dir) => {
    assert.deepEqual(await store.readLines('nope', 0, 10), []);
    assert.deepEqual(await store.tail('nope', 10), { firstLine: 0, lines: [] });
    assert.equal(await store.lineCount('nope'), 0);
    assert.equal((await store.readBytes('nope', 0, 10)).length, 0);
    assert.deepEqual(await readdir(dir).catch(() => []), []);
  }));

test('build ids that are not safe file names are refused', () =>
  withStore(async (store) => {
    await assert.rejects(store.append('../etc/passwd', 1, ['x']), /not a valid build id/);
    await assert.rejects(store.readLines('.hidden', 0, 1), /not a valid build id/);
  }));

test('with few open files allowed, idle logs are closed and reopened on demand', () =>
  withStore(
    async (store) => {
      for (let round = 1; round <= 3; round++) {
        for (let b = 0; b < 6; b++) await store.append(`b${b}`, round, [`b${b} r${round}`]);
      }
      for (let b = 0; b < 6; b++)
        assert.deepEqual(
          await store.readLines(`b${b}`, 0, 9),
          [1, 2, 3].map((r) => `b${b} r${r}`),
        );
    },
    { maxOpenBuilds: 2 },
  ));

test('remove deletes a build log', () =>
  withStore(async (store, dir) => {
    await store.append('b', 1, ['x']);
    await store.remove('b');
    assert.deepEqual(await readdir(dir), []);
    assert.equal(await store.lineCount('b'), 0);
  }));
