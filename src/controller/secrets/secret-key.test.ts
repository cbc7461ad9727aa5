import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSecretKey } from './secret-key.ts';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rig-secret-key-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('creates secret.key with mode 0600 on first use, then reads the same key', () =>
  withDir(async (dir) => {
    const dataDir = join(dir, 'data');
    const first = await loadSecretKey({ dataDir, env: {} });
    assert.ok('key' in first);
    assert.equal(first.created, true);
    assert.equal(first.source, 'file');
    assert.equal(first.key.length, 32);
    const path = join(dataDir, 'secret.key');
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await readFile(path, 'utf8')).trim(), first.key.toString('base64'));
    const second = await loadSecretKey({ dataDir, env: {} });
    assert.ok('key' in second);
    assert.equal(second.created, false);
    assert.deepEqual(second.key, first.key);
  }));

test('processes starting at once agree on one key', () =>
  withDir(async (dir) => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => loadSecretKey({ dataDir: dir, env: {} })),
    );
    const keys = results.map((r) => ('key' in r ? r.key.toString('base64') : r.error));
    assert.equal(new Set(keys).size, 1);
    assert.equal(results.filter((r) => 'key' in r && r.created).length, 1);
  }));

test('RIG_SECRET_KEY wins over the file and must be 32 bytes of base64', () =>
  withDir(async (dir) => {
    const key = randomBytes(32);
    const result = await loadSecretKey({
      dataDir: dir,
      env: { RIG_SECRET_KEY: key.toString('base64') + '\n' },
    });
    assert.ok('key' in result);
    assert.deepEqual(result.key, key);
    assert.equal(result.source, 'env');
    for (const bad of [
      'short',
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      '!!!!',
    ]) {
      const refused = await loadSecretKey({ dataDir: dir, env: { RIG_SECRET_KEY: bad } });
      assert.match(
        'error' in refused ? refused.error : '',
        /RIG_SECRET_KEY must be 32 bytes in base64/,
      );
    }
  }));

test('a key file readable by others, or damaged, is refused', () =>
  withDir(async (dir) => {
    const path = join(dir, 'secret.key');
    await writeFile(path, randomBytes(32).toString('base64'), { mode: 0o644 });
    await chmod(path, 0o644);
    const open = await loadSecretKey({ dataDir: dir, env: {} });
    assert.equal(
      'error' in open && open.error,
      `${path} is readable by others (mode 644): run chmod 600 ${path}`,
    );
    await writeFile(path, 'garbage', { mode: 0o600 });
    await chmod(path, 0o600);
    const damaged = await loadSecretKey({ dataDir: dir, env: {} });
    assert.equal('error' in damaged && damaged.error, `${path} does not hold a 32-byte base64 key`);
  }));
