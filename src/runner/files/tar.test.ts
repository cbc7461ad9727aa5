import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTar, readTar } from './tar.ts';

test('round-trips files with modes and long paths', () => {
  const long = `${'d'.repeat(80)}/${'e'.repeat(80)}/file.txt`;
  const entries = [
    { path: 'a.txt', mode: 0o644, data: Buffer.from('hello\n') },
    { path: 'bin/run.sh', mode: 0o755, data: Buffer.from('#!/bin/sh\necho hi\n') },
    { path: long, mode: 0o600, data: Buffer.alloc(1500, 7) },
  ];
  const back = readTar(createTar(entries));
  assert.deepEqual(
    back.map((e) => [e.path, e.mode, e.data.length]),
    entries.map((e) => [e.path, e.mode, e.data.length]),
  );
});

test('the archive is a tar the system tar can list', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rig-tar-'));
  try {
    const file = join(dir, 'x.tar');
    writeFileSync(
      file,
      createTar([
        { path: `${'p'.repeat(120)}/f`, mode: 0o644, data: Buffer.from('x') },
        { path: 'b', mode: 0o644, data: Buffer.from('y') },
      ]),
    );
    const listed = spawnSync('tar', ['-tf', file], { encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    assert.deepEqual(listed.stdout.trim().split('\n'), [`${'p'.repeat(120)}/f`, 'b']);
    assert.equal(readFileSync(file).length % 512, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('refuses paths that would escape the target directory', () => {
  assert.throws(
    () => readTar(createTar([{ path: '../evil', mode: 0o644, data: Buffer.from('x') }])),
    /unsafe path/,
  );
});
