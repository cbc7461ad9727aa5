/** Appends chunks forever and prints each acknowledged sequence: recover.test.ts kills it. */
import { LogStore } from './log-store.ts';
import { chunkLines } from './test-support.ts';

const store = new LogStore({ dir: process.argv[2]!, indexInterval: 10 });
for (let seq = 1; ; seq++) {
  const result = await store.append('crash', seq, chunkLines(seq));
  process.stdout.write(`${result.ackedSeq}\n`);
}
