import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CredentialVault } from './vault.ts';

const vault = new CredentialVault(new Map([[1, randomBytes(32)]]));

test('seal then open gives the plaintext back', () => {
  const record = vault.seal('hunter2', 'cred:deploy');
  assert.deepEqual(vault.open(record, 'cred:deploy'), { plaintext: Buffer.from('hunter2') });
  assert.equal(record[0], 1);
  assert.equal(record.length, 1 + 12 + 16 + 7);
});

test('each record has a fresh IV: sealing twice differs', () => {
  const a = vault.seal('same', 'c');
  const b = vault.seal('same', 'c');
  assert.notDeepEqual(a.subarray(1, 13), b.subarray(1, 13));
  assert.notDeepEqual(a, b);
});

test('any flipped bit is detected', () => {
  fc.assert(
    fc.property(fc.string(), fc.nat(), fc.integer({ min: 0, max: 7 }), (text, at, bit) => {
      const record = vault.seal(text, 'ctx');
      const index = at % record.length;
      record[index]! ^= 1 << bit;
      const opened = vault.open(record, 'ctx');
      assert.ok('error' in opened);
    }),
    { numRuns: 300 },
  );
});

test('a record opened under another context, key or version fails', () => {
  const record = vault.seal('secret', 'cred:a');
  assert.deepEqual(vault.open(record, 'cred:b'), {
    error: 'sealed record was altered, or belongs to another credential or key',
  });
  const other = new CredentialVault(new Map([[1, randomBytes(32)]]));
  assert.ok('error' in other.open(record, 'cred:a'));
  const versionTwo = Buffer.from(record);
  versionTwo[0] = 2;
  assert.deepEqual(vault.open(versionTwo, 'cred:a'), {
    error: 'sealed with key version 2, which this vault does not have',
  });
  assert.deepEqual(vault.open(Buffer.alloc(5), 'cred:a'), { error: 'sealed record is too short' });
});

test('key rotation: the newest key seals, older keys still open', () => {
  const k1 = randomBytes(32);
  const old = new CredentialVault(new Map([[1, k1]]));
  const rotated = new CredentialVault(
    new Map([
      [1, k1],
      [2, randomBytes(32)],
    ]),
  );
  const legacy = old.seal('v1 secret', 'c');
  assert.deepEqual(rotated.open(legacy, 'c'), { plaintext: Buffer.from('v1 secret') });
  assert.equal(rotated.seal('new', 'c')[0], 2);
});

test('JSON payloads round-trip as base64 text', () => {
  const payload = { kind: 'usernamePassword', username: 'ci', password: 'p@ss' };
  const sealed = vault.sealJson(payload, 'cred:x');
  assert.match(sealed, /^[A-Za-z0-9+/]+=*$/);
  assert.deepEqual(vault.openJson(sealed, 'cred:x'), { value: payload });
  assert.ok('error' in vault.openJson(sealed, 'cred:y'));
});

test('bad keys are refused when the vault is built', () => {
  assert.throws(() => new CredentialVault(new Map([[1, randomBytes(16)]])), /32 bytes/);
  assert.throws(() => new CredentialVault(new Map([[0, randomBytes(32)]])), /version/);
  assert.throws(() => new CredentialVault(new Map()), /needs a key/);
});

test('CredentialVault.open uses the data directory key across restarts', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rig-vault-'));
  try {
    const first = await CredentialVault.open({ dataDir: dir, env: {} });
    assert.ok(first instanceof CredentialVault);
    const sealed = first.seal('persisted', 'c');
    const second = await CredentialVault.open({ dataDir: dir, env: {} });
    assert.ok(second instanceof CredentialVault);
    assert.deepEqual(second.open(sealed, 'c'), { plaintext: Buffer.from('persisted') });
    const broken = await CredentialVault.open({ dataDir: dir, env: { RIG_SECRET_KEY: 'nope' } });
    assert.ok('error' in broken);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
