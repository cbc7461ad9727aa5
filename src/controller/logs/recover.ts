/**
 * Opening a build's log after a clean stop or a crash. The commit record
 * says how much of the log file is committed; anything after it (a torn or
 * unacknowledged write) is cut off, so the agent's resend of that chunk
 * lands exactly once. The record survives restarts, so duplicates are still
 * recognised after one.
 *
 * If the file is shorter than the record says (possible only when the OS
 * crashed without `fsync`), the older slot is tried, and failing that the
 * log is kept up to its last complete line and counted by a full scan.
 */
import type { FileHandle } from 'node:fs/promises';
import { blockBytes } from './line-reader.ts';
import { emptyState, readStates, writeState, type LogState } from './state-file.ts';

export async function recoverState(log: FileHandle, stateFile: FileHandle): Promise<LogState> {
  const states = await readStates(stateFile);
  const size = (await log.stat()).size;
  let state = states.find((s) => s.byteEnd <= size);
  if (!state && states[0]) {
    const scanned = await scanCompleteLines(log, size);
    state = { ...states[0], ...scanned, commit: states[0].commit + 1 };
    await writeState(stateFile, state, true);
  }
  state ??= emptyState;
  if (size > state.byteEnd) await log.truncate(state.byteEnd);
  return state;
}

async function scanCompleteLines(
  log: FileHandle,
  size: number,
): Promise<{ byteEnd: number; lineCount: number }> {
  const block = Buffer.alloc(blockBytes);
  let lineCount = 0;
  let byteEnd = 0;
  for (let position = 0; position < size;) {
    const { bytesRead } = await log.read(
      block,
      0,
      Math.min(block.length, size - position),
      position,
    );
    if (bytesRead === 0) break;
    for (let nl = block.indexOf(10); nl !== -1 && nl < bytesRead; nl = block.indexOf(10, nl + 1)) {
      lineCount++;
      byteEnd = position + nl + 1;
    }
    position += bytesRead;
  }
  return { byteEnd, lineCount };
}
