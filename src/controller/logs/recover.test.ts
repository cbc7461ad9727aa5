import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LogStore } from './log-store.ts';
import { chunkLines, withStore } from './test-support.ts';

async function reopen(
  dir: string,
  fn: (store: LogStore) => Promise<void>,
  indexInterval = 1000,
): Promise<void> {
  const store = new LogStore({ dir, indexInterval });
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

const all = (n: number): string[] => Array.from({ length: n }, (_, i) => chunkLines(i + 1)).flat();

test('a torn write after the last commit is cut off on open; the resend lands once', () =>
  withStore(async (store, dir) => {
    await store.append('b', 1, chunkLines(1));
    await store.append('b', 2, chunkLines(2));
    await store.close();
    // A crash in the middle of writing chunk 3: half a line, no commit record.
    await appendFile(join(dir, 'b.log'), 'chunk 3 line 0 ✓\nchunk 3 li');
    await reopen(dir, async (again) => {
      assert.equal(await again.lineCount('b'), 6);
      assert.equal((await again.append('b', 2, chunkLines(2))).status, 'duplicate');
      assert.equal((await again.append('b', 3, chunkLines(3))).status, 'appended');
      assert.deepEqual(await again.readLines('b', 0, 100), all(3));
      assert.equal((await readFile(join(dir, 'b.log'), 'utf8')).split('\n').length, 10);
    });
  }));

test('a lost or damaged index is rebuilt from the log', () =>
  withStore(
    async (store, dir) => {
      for (let seq = 1; seq <= 40; seq++) await store.append('b', seq, chunkLines(seq));
      await store.close();
      await rm(join(dir, 'b.idx'));
      await reopen(
        dir,
        async (again) =>
          assert.deepEqual(await again.readLines('b', 50, 20), all(40).slice(50, 70)),
        10,
      );
      const size = (await stat(join(dir, 'b.idx'))).size;
      await truncate(join(dir, 'b.idx'), size - 13);
      await reopen(
        dir,
        async (again) =>
          assert.deepEqual(await again.readLines('b', 100, 20), all(40).slice(100, 120)),
        10,
      );
      // A different interval rebuilds the index too.
      await reopen(
        dir,
        async (again) => assert.deepEqual(await again.readLines('b', 33, 5), all(40).slice(33, 38)),
        4,
      );
    },
    { indexInterval: 10 },
  ));

test('a damaged newest commit record falls back to the previous one', () =>
  withStore(async (store, dir) => {
    await store.append('b', 1, chunkLines(1));
    await store.append('b', 2, chunkLines(2));
    await store.close();
    const statePath = join(dir, 'b.state');
    const state = await readFile(statePath);
    // Commit 2 (chunk 2) lives in slot 0; garble it as a torn write would.
    state.fill(0xff, 10, 30);
    await writeFile(statePath, state);
    await reopen(dir, async (again) => {
      assert.deepEqual(await again.info('b'), {
        lineCount: 3,
        byteCount: Buffer.byteLength(chunkLines(1).join('\n') + '\n'),
        sealed: false,
        ackedSeq: 1,
        missingSeqs: [],
      });
      await again.append('b', 2, chunkLines(2));
      assert.deepEqual(await again.readLines('b', 0, 10), all(2));
    });
  }));

test('a log shorter than its record (OS crash without fsync) falls back, then scans', () =>
  withStore(async (store, dir) => {
    for (let seq = 1; seq <= 3; seq++) await store.append('b', seq, chunkLines(seq));
    await store.close();
    const path = join(dir, 'b.log');
    const chunkBytes = Buffer.byteLength(chunkLines(1).join('\n') + '\n');
    // Chunk 3 is partly gone: the previous record (chunk 2) still fits the file.
    await truncate(path, 3 * chunkBytes - 5);
    await reopen(dir, async (again) => {
      assert.deepEqual(await again.readLines('b', 0, 100), all(2));
      assert.equal((await again.info('b')).ackedSeq, 2);
      await again.append('b', 3, chunkLines(3));
      await again.append('b', 4, chunkLines(4));
    });
    // Now neither record fits: keep the complete lines that are there.
    await truncate(path, 2 * chunkBytes + 5);
    await reopen(dir, async (again) => {
      assert.deepEqual(await again.readLines('b', 0, 100), all(2));
      assert.equal((await again.info('b')).ackedSeq, 4);
    });
  }));

test('SIGKILL while appending: every acknowledged chunk is there exactly once', async () => {
  const dir = await (
    await import('node:fs/promises')
  ).mkdtemp(join((await import('node:os')).tmpdir(), 'rig-logcrash-'));
  try {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.fixture.ts'), dir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let acked = 0;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    for await (const line of createInterface({ input: child.stdout })) {
      acked = Number(line);
      if (acked >= 200) {
        child.kill('SIGKILL');
        break;
      }
    }
    await exited;
    await reopen(dir, async (store) => {
      const info = await store.info('crash');
      assert.ok(info.ackedSeq >= acked, `acked ${acked}, stored ${info.ackedSeq}`);
      assert.deepEqual(await store.readLines('crash', 0, 1e6), all(info.ackedSeq));
      // The agent resends from its last acknowledged chunk, overlapping what is stored.
      for (let seq = acked - 5; seq <= info.ackedSeq + 20; seq++)
        await store.append('crash', seq, chunkLines(seq));
      assert.deepEqual(await store.readLines('crash', 0, 1e6), all(info.ackedSeq + 20));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
