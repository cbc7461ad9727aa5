/**
 * Files that belong to a build (artifacts, stashes) on the controller's disk.
 * Paths come from agents, so they are checked: relative, no `..`, no NUL,
 * and the resolved file must stay under the build's directory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { badRequest, tooLarge } from '../../errors.ts';

export function safePath(root: string, relative: string): string {
  if (
    relative === '' ||
    relative.includes('\0') ||
    relative.startsWith('/') ||
    /^[A-Za-z]:/.test(relative)
  ) {
    throw badRequest(`unsafe path ${JSON.stringify(relative)}`);
  }
  const parts = relative.split(/[\\/]/);
  if (parts.some((p) => p === '..'))
    throw badRequest(`unsafe path ${JSON.stringify(relative)}: no ..`);
  const full = resolve(root, normalize(relative));
  if (!full.startsWith(resolve(root) + sep))
    throw badRequest(`unsafe path ${JSON.stringify(relative)}`);
  return full;
}

/** Streams a request body to `file` (via a temp name), enforcing `limit`. */
export async function receiveFile(
  body: ReadableStream<Uint8Array> | null,
  file: string,
  limit: number,
): Promise<{ size: number; sha256: string }> {
  if (!body) throw badRequest('empty body');
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.part-${process.pid}-${Date.now()}`;
  const out = createWriteStream(temp);
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > limit) throw tooLarge(`file is larger than the limit of ${limit} bytes`);
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((res, rej) =>
      out.end((err?: Error | null) => (err ? rej(err) : res())),
    );
    await rename(temp, file);
    return { size, sha256: hash.digest('hex') };
  } catch (err) {
    out.destroy();
    await rm(temp, { force: true });
    throw err;
  }
}

export const buildDir = (root: string, buildId: string, kind: 'files' | 'stashes'): string =>
  join(root, buildId, kind);
