/**
 * The commit record of one build's log: which chunk sequence is stored and
 * where the committed data ends. Written after the data, so on open anything
 * past `byteEnd` is known to be uncommitted (a torn or unacknowledged write)
 * and is cut off.
 *
 * Two fixed 48-byte slots written alternately, each with a CRC: a write torn
 * by a crash can only damage the slot being written, and the other slot still
 * holds the previous commit. The file never grows.
 */
import { crc32 } from 'node:zlib';
import type { FileHandle } from 'node:fs/promises';

export interface LogState {
  /** Increases with every commit; picks the newer slot. */
  commit: number;
  /** Highest chunk sequence stored; every lower one is stored too. 0: none. */
  seq: number;
  byteEnd: number;
  lineCount: number;
  sealed: boolean;
}

export const emptyState: LogState = { commit: 0, seq: 0, byteEnd: 0, lineCount: 0, sealed: false };

const slotBytes = 48;
const magic = 0x52_4c_53_31; // "RLS1"

export function encodeState(state: LogState): Buffer {
  const b = Buffer.alloc(slotBytes);
  b.writeUInt32LE(magic, 0);
  b.writeBigUInt64LE(BigInt(state.commit), 4);
  b.writeBigUInt64LE(BigInt(state.seq), 12);
  b.writeBigUInt64LE(BigInt(state.byteEnd), 20);
  b.writeBigUInt64LE(BigInt(state.lineCount), 28);
  b.writeUInt32LE(state.sealed ? 1 : 0, 36);
  b.writeUInt32LE(crc32(b.subarray(0, 40)), 40);
  return b;
}

export function decodeState(b: Buffer): LogState | undefined {
  if (b.length < slotBytes || b.readUInt32LE(0) !== magic) return undefined;
  if (b.readUInt32LE(40) !== crc32(b.subarray(0, 40))) return undefined;
  return {
    commit: Number(b.readBigUInt64LE(4)),
    seq: Number(b.readBigUInt64LE(12)),
    byteEnd: Number(b.readBigUInt64LE(20)),
    lineCount: Number(b.readBigUInt64LE(28)),
    sealed: b.readUInt32LE(36) === 1,
  };
}

/** Both valid slots, newest first (zero, one or two). */
export async function readStates(file: FileHandle): Promise<LogState[]> {
  const buffer = Buffer.alloc(slotBytes * 2);
  const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
  const slots = [0, 1]
    .map((i) =>
      bytesRead >= (i + 1) * slotBytes
        ? decodeState(buffer.subarray(i * slotBytes, (i + 1) * slotBytes))
        : undefined,
    )
    .filter((s): s is LogState => s !== undefined);
  return slots.sort((a, b) => b.commit - a.commit);
}

export async function writeState(file: FileHandle, state: LogState, sync: boolean): Promise<void> {
  await writeFully(file, encodeState(state), (state.commit % 2) * slotBytes);
  if (sync) await file.datasync();
}

/** pwrite until every byte is written (a short write is legal for files too). */
export async function writeFully(file: FileHandle, data: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await file.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}
