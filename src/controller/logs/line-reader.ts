/**
 * Reading lines out of a log file without loading it: forward from a byte
 * offset in 64 KiB blocks, or backward from the end for the tail. Lines are
 * split on the byte `\n` before decoding, which is safe for UTF-8 (0x0A never
 * occurs inside a multi-byte character). Memory is one block plus the lines
 * asked for.
 */
import type { FileHandle } from 'node:fs/promises';

export const blockBytes = 64 * 1024;

export interface LinesRead {
  lines: string[];
  /** Byte offset just after the last line returned. */
  endByte: number;
}

/** Up to `count` lines starting at `startByte` (a line start), never reading past `limit`. */
export async function readLinesFrom(
  file: FileHandle,
  startByte: number,
  count: number,
  limit: number,
): Promise<LinesRead> {
  const lines: string[] = [];
  let position = startByte;
  let carry: Buffer[] = [];
  let lineStart = startByte;
  const block = Buffer.alloc(Math.min(blockBytes, Math.max(limit - startByte, 1)));
  while (lines.length < count && position < limit) {
    const { bytesRead } = await file.read(
      block,
      0,
      Math.min(block.length, limit - position),
      position,
    );
    if (bytesRead === 0) break;
    let from = 0;
    for (
      let nl = block.indexOf(10, from);
      nl !== -1 && nl < bytesRead && lines.length < count;
      nl = block.indexOf(10, from)
    ) {
      carry.push(block.subarray(from, nl));
      lines.push(Buffer.concat(carry).toString('utf8'));
      carry = [];
      lineStart = position + nl + 1;
      from = nl + 1;
    }
    if (lines.length < count) carry.push(Buffer.from(block.subarray(from, bytesRead)));
    position += bytesRead;
  }
  return { lines, endByte: lineStart };
}

/** Byte offset of the line `skip` lines after the line starting at `startByte`. */
export async function skipLines(
  file: FileHandle,
  startByte: number,
  skip: number,
  limit: number,
): Promise<number> {
  let position = startByte;
  let remaining = skip;
  const block = Buffer.alloc(blockBytes);
  while (remaining > 0 && position < limit) {
    const { bytesRead } = await file.read(
      block,
      0,
      Math.min(block.length, limit - position),
      position,
    );
    if (bytesRead === 0) break;
    let from = 0;
    for (
      let nl = block.indexOf(10, from);
      nl !== -1 && nl < bytesRead;
      nl = block.indexOf(10, from)
    ) {
      from = nl + 1;
      if (--remaining === 0) return position + from;
    }
    position += bytesRead;
  }
  return position;
}

/** The last `n` lines before `end` (which must follow a `\n`), reading backwards. */
export async function readTail(file: FileHandle, end: number, n: number): Promise<string[]> {
  if (n <= 0 || end === 0) return [];
  const blocks: Buffer[] = [];
  let position = end;
  let newlines = 0;
  // The final `\n` ends the last line; n lines need n+1 newlines, or the file start.
  while (position > 0 && newlines <= n) {
    const size = Math.min(blockBytes, position);
    position -= size;
    const block = Buffer.alloc(size);
    await readFully(file, block, position);
    blocks.unshift(block);
    for (let i = block.indexOf(10); i !== -1; i = block.indexOf(10, i + 1)) newlines++;
  }
  const text = Buffer.concat(blocks);
  let start = text.length - 1;
  for (let seen = 0; start > 0; start--) {
    if (text[start - 1] === 10 && ++seen === n) break;
  }
  return text
    .subarray(Math.max(start, 0), text.length - 1)
    .toString('utf8')
    .split('\n');
}

export async function readFully(file: FileHandle, target: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < target.length) {
    const { bytesRead } = await file.read(target, done, target.length - done, position + done);
    if (bytesRead === 0)
      throw new Error(`log file ended at ${position + done}, expected ${position + target.length}`);
    done += bytesRead;
  }
}
