import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { checkout } from './checkout.ts';

const root = mkdtempSync(join(tmpdir(), 'rig-checkout-'));
after(() => rmSync(root, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

function commitFile(repo: string, content: string): string {
  writeFileSync(join(repo, 'file.txt'), content);
  git(repo, 'add', '.');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', content);
  return git(repo, 'rev-parse', 'HEAD');
}

function newRepo(name: string): string {
  const repo = join(root, name);
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  return repo;
}

const dataDir = join(root, 'agent');
const ws = (name: string): string => join(dataDir, 'workspaces', name);

test('the exact commit lands in a fresh workspace that is a clone of the repository', async () => {
  const repo = newRepo('exact');
  const first = commitFile(repo, 'one');
  commitFile(repo, 'two');
  const got = await checkout({
    dataDir,
    repoUrl: repo,
    commit: first,
    ref: null,
    workspace: ws('a'),
  });
  assert.equal(got.commit, first);
  assert.equal(readFileSync(join(ws('a'), 'file.txt'), 'utf8'), 'one');
  assert.equal(git(ws('a'), 'rev-parse', 'HEAD'), first);
  assert.match(git(ws('a'), 'branch', '-r'), /origin\/main/);
  assert.equal(git(ws('a'), 'status', '--porcelain'), '');
});

test('a commit the mirror does not hold yet is fetched, and later workspaces see new branches', async () => {
  const repo = newRepo('later');
  const one = commitFile(repo, 'one');
  await checkout({ dataDir, repoUrl: repo, commit: one, ref: null, workspace: ws('b1') });
  git(repo, 'checkout', '-qb', 'feature');
  const two = commitFile(repo, 'two');
  const got = await checkout({
    dataDir,
    repoUrl: repo,
    commit: two,
    ref: null,
    workspace: ws('b2'),
  });
  assert.equal(got.commit, two);
  assert.equal(readFileSync(join(ws('b2'), 'file.txt'), 'utf8'), 'two');
  assert.match(git(ws('b2'), 'branch', '-r'), /origin\/feature/);
});

test('a ref is fetched and pinned to the commit it names now', async () => {
  const repo = newRepo('ref');
  commitFile(repo, 'one');
  await checkout({ dataDir, repoUrl: repo, commit: null, ref: 'main', workspace: ws('c1') });
  const two = commitFile(repo, 'two');
  const got = await checkout({
    dataDir,
    repoUrl: repo,
    commit: null,
    ref: 'main',
    workspace: ws('c2'),
  });
  assert.equal(got.commit, two);
  assert.equal(git(ws('c2'), 'rev-parse', 'HEAD'), two);
});

test('workspaces are independent of each other and of the mirror', async () => {
  const repo = newRepo('independent');
  const one = commitFile(repo, 'one');
  const [a, b] = await Promise.all([
    checkout({ dataDir, repoUrl: repo, commit: one, ref: null, workspace: ws('d1') }),
    checkout({ dataDir, repoUrl: repo, commit: one, ref: null, workspace: ws('d2') }),
  ]);
  assert.equal(a.commit, one);
  assert.equal(b.commit, one);
  git(ws('d1'), 'tag', 'only-in-d1');
  commitFile(ws('d1'), 'local change');
  assert.equal(git(ws('d2'), 'tag', '--list'), '');
  assert.equal(git(ws('d2'), 'rev-parse', 'HEAD'), one);
  const again = await checkout({
    dataDir,
    repoUrl: repo,
    commit: one,
    ref: null,
    workspace: ws('d3'),
  });
  assert.equal(again.commit, one);
  assert.equal(git(ws('d3'), 'tag', '--list'), '');
});

test('a commit that exists nowhere is an error that names git', async () => {
  const repo = newRepo('missing');
  commitFile(repo, 'one');
  await assert.rejects(
    checkout({ dataDir, repoUrl: repo, commit: 'f'.repeat(40), ref: null, workspace: ws('e') }),
    /git checkout failed/,
  );
});
