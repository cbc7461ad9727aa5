/** Shared by the log store's tests: a temp directory per test, removed after. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogStore, type LogStoreOptions } from './log-store.ts';

export async function withStore(
  fn: (store: LogStore, dir: string) => Promise<void>,
  options: Omit<LogStoreOptions, 'dir'> = {},
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rig-logstore-'));
  const store = new LogStore({ dir, ...options });
  try {
    await fn(store, dir);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Deterministic content: chunk `seq` holds lines `seq:0`, `seq:1`, … */
export function chunkLines(seq: number, size = 3): string[] {
  return Array.from({ length: size }, (_, i) => `chunk ${seq} line ${i} ✓`);
}
