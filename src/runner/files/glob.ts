/**
 * Finds files by Ant patterns (`**\/*.xml, build/libs/*.jar`) under a base
 * directory, as archiveArtifacts, stash and junit do. Ant's default excludes
 * (VCS metadata, editor backups) apply unless turned off. Nothing outside
 * `root` is ever returned, symlinks included.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { antMatchAny } from '../../pipeline/planner/ant-glob.ts';
import { isWithin } from './paths.ts';

const DEFAULT_EXCLUDES = [
  '**/*~',
  '**/#*#',
  '**/.#*',
  '**/%*%',
  '**/._*',
  '**/CVS',
  '**/CVS/**',
  '**/.cvsignore',
  '**/.svn',
  '**/.svn/**',
  '**/.DS_Store',
  '**/.git',
  '**/.git/**',
  '**/.gitattributes',
  '**/.gitignore',
  '**/.gitmodules',
  '**/.hg',
  '**/.hg/**',
  '**/.hgignore',
  '**/.bzr',
  '**/.bzr/**',
];
const VCS_DIRS = new Set(['.git', '.svn', '.hg', '.bzr', 'CVS']);

export interface FindOptions {
  includes: string[];
  excludes: string[];
  defaultExcludes: boolean;
  caseSensitive: boolean;
  /** Results must resolve inside this directory. */
  root: string;
}

export interface FoundFile {
  /** Relative to the base, with `/`. */
  relative: string;
  absolute: string;
}

export async function findFiles(base: string, opts: FindOptions): Promise<FoundFile[]> {
  const excludes = opts.defaultExcludes ? [...opts.excludes, ...DEFAULT_EXCLUDES] : opts.excludes;
  const realRoot = await realpath(opts.root).catch(() => opts.root);
  const out: FoundFile[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const absolute = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (opts.defaultExcludes && VCS_DIRS.has(entry.name)) continue;
        await walk(absolute, path);
        continue;
      }
      if (
        !antMatchAny(opts.includes, path, opts.caseSensitive) ||
        antMatchAny(excludes, path, opts.caseSensitive)
      )
        continue;
      const real = await realpath(absolute).catch(() => undefined);
      if (real === undefined || !isWithin(realRoot, real)) continue;
      // Symlinks count when they point at a file; linked directories are not followed.
      const isFile = entry.isFile() || (entry.isSymbolicLink() && (await stat(real)).isFile());
      if (isFile) out.push({ relative: path, absolute });
    }
  };
  await walk(base, '');
  return out;
}
