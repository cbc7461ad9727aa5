import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jenkinsHash } from './cron-hash.ts';

test("jenkinsHash reproduces Jenkins' own test vectors (CronTabTest.hashedMinute)", () => {
  const stuff = jenkinsHash('stuff');
  assert.equal(stuff.next(60), 56);
  assert.equal(stuff.next(2), 1);
  assert.equal(jenkinsHash('junk').next(60), 20);
  assert.equal(jenkinsHash('stuff').next(15), 11);
  assert.equal(jenkinsHash('junk').next(3), 2);
  assert.equal(jenkinsHash('junk').next(4), 2);
});

test('jenkinsHash matches Java (MD5 fold + java.util.Random) bit for bit', () => {
  // Produced with OpenJDK 17: Hash.from's algorithm, then Random.nextInt(bound) for each bound.
  // Covers the power-of-two path and the rejection loop (1073741825).
  const bounds = [60, 24, 28, 7, 12, 5, 3, 1000, 1 << 20, 2147483647, 1073741825];
  const expected = [
    [51, 16, 5, 3, 5, 3, 0, 178, 145214, 1925833510, 912107172],
    [10, 6, 19, 0, 9, 2, 0, 761, 1000563, 184008022, 790987268],
    [33, 5, 12, 6, 5, 2, 0, 393, 371385, 1604555085, 953250025],
  ];
  for (const [s, row] of expected.entries()) {
    const hash = jenkinsHash(`folder/job-${s}-ü`);
    assert.deepEqual(
      bounds.map((b) => hash.next(b)),
      row,
    );
  }
});

test('the same seed always gives the same sequence', () => {
  const a = jenkinsHash('team/app');
  const b = jenkinsHash('team/app');
  for (let i = 0; i < 100; i++) assert.equal(a.next(60), b.next(60));
});
