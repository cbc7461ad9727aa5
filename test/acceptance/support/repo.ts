/** Temporary directories and real git repositories holding the pipelines under test. */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `rig-acc-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const suffix = (): string => randomBytes(3).toString('hex');

/**
 * A repository at `dir/name` with `files` committed on `main`; `.sh` files
 * are executable. The directory name becomes the project's name.
 */
export function makeRepo(dir: string, name: string, files: Record<string, string>): string {
  const repo = join(dir, name);
  for (const [path, text] of Object.entries(files)) {
    const file = join(repo, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (path.endsWith('.sh')) chmodSync(file, 0o755);
  }
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'pipeline');
  return repo;
}

export function headOf(repo: string): string {
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
}

/** `count NAME N PAUSE`: prints NAME-1 … NAME-N, pausing between lines (numbered to spot loss). */
export const COUNT_SH = `#!/bin/sh
i=1
while [ "$i" -le "$2" ]; do echo "$1-$i"; i=$((i + 1)); sleep "\${3:-0}"; done
`;
