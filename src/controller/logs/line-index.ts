/**
 * The sparse line index: the byte offset of every `interval`-th line (lines
 * 0, 1000, 2000, … by default) in a sidecar file, so a line range is served
 * by one 8-byte read and a scan of at most `interval` lines. The file starts
 * with the interval it was built with; entries are little-endian u64.
 *
 * The index is written before the commit record, so after a crash it may
 * hold entries for uncommitted lines (cut off on open) or miss entries
 * (rebuilt on open by scanning from the last good entry).
 */
import type { FileHandle } from 'node:fs/promises';
import { blockBytes } from './line-reader.ts';
import { writeFully } from './state-file.ts';

const headerBytes = 8;

export class LineIndex {
  constructor(
    private readonly file: FileHandle,
    readonly interval: number,
  ) {}

  /** Offset of line `k * interval`. */
  async entry(k: number): Promise<number> {
    const b = Buffer.alloc(8);
    const { bytesRead } = await this.file.read(b, 0, 8, headerBytes + k * 8);
    if (bytesRead !== 8) throw new Error(`line index has no entry ${k}`);
    return Number(b.readBigUInt64LE(0));
  }

  /** Stores entries `firstK, firstK+1, …`. */
  async put(firstK: number, offsets: readonly number[]): Promise<void> {
    if (offsets.length === 0) return;
    const b = Buffer.alloc(offsets.length * 8);
    offsets.forEach((o, i) => b.writeBigUInt64LE(BigInt(o), i * 8));
    await writeFully(this.file, b, headerBytes + firstK * 8);
  }

  async sync(): Promise<void> {
    await this.file.datasync();
  }

  async close(): Promise<void> {
    await this.file.close();
  }

  /**
   * Makes the index agree with `lineCount` committed lines ending at `byteEnd`
   * in `log`: drops extra entries, rebuilds missing ones.
   */
  async repair(log: FileHandle, lineCount: number, byteEnd: number): Promise<void> {
    const expected = Math.ceil(lineCount / this.interval);
    const size = (await this.file.stat()).size;
    const header = Buffer.alloc(headerBytes);
    await this.file.read(header, 0, headerBytes, 0);
    const sameInterval = size >= headerBytes && Number(header.readBigUInt64LE(0)) === this.interval;
    let present = sameInterval ? Math.min(Math.floor((size - headerBytes) / 8), expected) : 0;
    if (!sameInterval) {
      header.writeBigUInt64LE(BigInt(this.interval), 0);
      await writeFully(this.file, header, 0);
    }
    await this.file.truncate(headerBytes + present * 8);
    if (present === expected) return;
    if (present === 0) {
      await this.put(0, [0]);
      present = 1;
    }
    const from = await this.entry(present - 1);
    const offsets = await lineStartsEvery(
      log,
      from,
      (present - 1) * this.interval,
      this.interval,
      byteEnd,
    );
    await this.put(present, offsets.slice(0, expected - present));
  }
}

/** Offsets of lines numbered multiples of `interval`, after `firstLine` (itself one) at `from`. */
async function lineStartsEvery(
  log: FileHandle,
  from: number,
  firstLine: number,
  interval: number,
  end: number,
): Promise<number[]> {
  const offsets: number[] = [];
  const block = Buffer.alloc(blockBytes);
  let line = firstLine;
  for (let position = from; position < end;) {
    const { bytesRead } = await log.read(
      block,
      0,
      Math.min(block.length, end - position),
      position,
    );
    if (bytesRead === 0) break;
    for (let nl = block.indexOf(10); nl !== -1 && nl < bytesRead; nl = block.indexOf(10, nl + 1)) {
      line++;
      const next = position + nl + 1;
      if (line % interval === 0 && next < end) offsets.push(next);
    }
    position += bytesRead;
  }
  return offsets;
}
