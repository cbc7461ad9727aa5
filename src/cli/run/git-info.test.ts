import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGitInfo } from './git-info.ts';

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=t@e', '-c', 'user.name=t', ...args], { cwd }).toString();

test('branch, commit, tag and changed files come from the real checkout', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rig-git-info-'));
  try {
    git(dir, 'init', '-q', '-b', 'feature/x');
    await writeFile(join(dir, 'a.txt'), 'a');
    git(dir, 'add', 'a.txt');
    git(dir, 'commit', '-qm', 'first');
    await writeFile(join(dir, 'b.txt'), 'b');
    git(dir, 'add', 'b.txt');
    git(dir, 'commit', '-qm', 'second');
    git(dir, 'tag', 'v1.2');
    await writeFile(join(dir, 'a.txt'), 'changed');
    await writeFile(join(dir, 'new file.txt'), 'n');
    const info = await readGitInfo(dir);
    assert.equal(info.branch, 'feature/x');
    assert.equal(info.commit, git(dir, 'rev-parse', 'HEAD').trim());
    assert.equal(info.tag, 'v1.2');
    assert.deepEqual([...info.changedFiles].sort(), ['a.txt', 'b.txt', 'new file.txt']);
    const head = await readGitInfo(dir, { changes: false });
    assert.deepEqual(head, {
      branch: 'feature/x',
      commit: info.commit,
      tag: 'v1.2',
      changedFiles: [],
    });
    git(dir, 'checkout', '-q', '--detach');
    assert.equal((await readGitInfo(dir)).branch, undefined);
    assert.equal((await readGitInfo(dir, { changes: false })).branch, undefined);
    assert.equal((await readGitInfo(dir, { changes: false })).commit, info.commit);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('outside a git repository nothing is known', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rig-git-none-'));
  try {
    assert.deepEqual(await readGitInfo(dir), { changedFiles: [] });
    assert.deepEqual(await readGitInfo(dir, { changes: false }), { changedFiles: [] });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
