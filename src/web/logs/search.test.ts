import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createController } from '../../controller/controller.ts';
import type { Controller } from '../../controller/controller.ts';
import type { LogStreams } from '../../controller/ports.ts';
import type { SearchRow } from '../shared/log-api.ts';
import { searchLog } from './search.ts';

const dir = mkdtempSync(join(tmpdir(), 'rig-web-search-'));
let controller: Controller;
let logs: LogStreams;
// The controller's own log streams, whatever implementation it wires.
before(async () => {
  controller = await createController({
    dataDir: dir,
    log: pino({ level: 'silent' }),
    parse: () => ({ errors: ['no pipelines here'] }),
    coordinator: null,
  });
  logs = controller.scheduler.ctx.logs;
});
after(async () => {
  await controller.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rows(key: string, query: string, extra = {}): Promise<SearchRow[]> {
  const out: SearchRow[] = [];
  for await (const r of searchLog(logs, key, { query, ...extra })) out.push(r);
  return out;
}

describe('log search', () => {
  it('finds matches by line in text as shown (escapes stripped), smart case', async () => {
    await logs.append('b.s', 1, [
      'all good',
      '\x1b[31mERROR\x1b[0m: disk full',
      'error again',
      'done',
    ]);
    const hits = (await rows('b.s', 'error')).filter((r) => r.kind === 'hit');
    assert.deepEqual(hits, [
      { kind: 'hit', line: 1, start: 0, end: 5 },
      { kind: 'hit', line: 2, start: 0, end: 5 },
    ]);
    const exact = (await rows('b.s', 'ERROR')).filter((r) => r.kind === 'hit');
    assert.equal(exact.length, 1, 'an upper-case query is case-sensitive');
  });

  it('takes regular expressions when asked and says when one is broken', async () => {
    const hits = (await rows('b.s', 'disk|again', { regex: true })).filter((r) => r.kind === 'hit');
    assert.deepEqual(
      hits.map((h) => (h.kind === 'hit' ? h.line : -1)),
      [1, 2],
    );
    const [bad] = await rows('b.s', '(unclosed', { regex: true });
    assert.equal(bad?.kind, 'error');
  });

  it('scans a log larger than its read block, counting lines across blocks, and stops at the hit limit', async () => {
    const lines = Array.from(
      { length: 30_000 },
      (_, i) => `line ${i} ${'x'.repeat(60)}${i % 1000 === 999 ? ' needle' : ''}`,
    );
    await logs.append('big.s', 1, lines);
    const all = await rows('big.s', 'needle');
    const hits = all.filter((r) => r.kind === 'hit');
    assert.equal(hits.length, 30);
    assert.equal(hits[0]?.kind === 'hit' && hits[0].line, 999);
    assert.equal(hits.at(-1)?.kind === 'hit' && hits.at(-1)?.line, 29_999);
    assert.deepEqual(all.at(-1), { kind: 'done', hits: 30, truncated: false, scanned: 30_000 });
    const capped = await rows('big.s', 'needle', { maxHits: 5 });
    assert.deepEqual(capped.at(-1), { kind: 'done', hits: 5, truncated: true, scanned: 5000 });
  });
});
