import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ledgerAdd, LedgerAddError } from './add-command.ts';
import { parseLedgerText, readJobLedger } from './job-file.ts';

test('the job ledger file: entries, details, comments, and located problems', () => {
  const parsed = parseLedgerText(
    '# made by the test\nnetns ns-1\n\nlink veth0 netns=ns-1\nbogus x\ncontainer\nmount /mnt/a b\n',
  );
  assert.deepEqual(parsed.entries, [
    { kind: 'netns', id: 'ns-1', source: 'job' },
    { kind: 'link', id: 'veth0', source: 'job', detail: { netns: 'ns-1' } },
  ]);
  assert.equal(parsed.problems.length, 3);
  assert.match(parsed.problems[0]!, /^line 5: unknown kind "bogus"/);
  assert.match(parsed.problems[1]!, /^line 6: "container" needs an id/);
  assert.match(parsed.problems[2]!, /^line 7: "b" is not key=value/);
});

test('ledgerAdd appends what readJobLedger reads back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rig-ledger-'));
  try {
    const env = { RIG_LEDGER: join(dir, 'ledger') };
    await ledgerAdd('netns', 'ns-a', env);
    await ledgerAdd('link', 'veth-a', env, { netns: 'ns-a' });
    assert.equal(await readFile(env.RIG_LEDGER, 'utf8'), 'netns ns-a\nlink veth-a netns=ns-a\n');
    const back = await readJobLedger(env.RIG_LEDGER);
    assert.deepEqual(
      back.entries.map((e) => e.id),
      ['ns-a', 'veth-a'],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('ledgerAdd refuses what teardown could not use', async () => {
  await assert.rejects(ledgerAdd('netns', 'x', {}), LedgerAddError);
  const env = { RIG_LEDGER: '/nonexistent/never-written' };
  await assert.rejects(ledgerAdd('volcano', 'x', env), /unknown kind "volcano"/);
  await assert.rejects(ledgerAdd('netns', 'two words', env), /one word/);
  await assert.rejects(ledgerAdd('netns', 'x', env, { 'a b': 'c' }), /key=value/);
});
