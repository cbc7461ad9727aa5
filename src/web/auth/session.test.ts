import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issueToken } from '../../controller/api/tokens.ts';
import { openSqliteStore } from '../../controller/store/sqlite.ts';
import { readSession, signSession } from './session.ts';

const key = new TextEncoder().encode('k'.repeat(32));

describe('sessions', async () => {
  const store = await openSqliteStore(':memory:');
  const { token, record } = await issueToken(store, 'ana', 'user', ['trigger']);

  it('names the token by id and never carries the token itself', async () => {
    const cookie = await signSession(key, record);
    assert.ok(!cookie.includes(token));
    const payload = JSON.parse(
      Buffer.from(cookie.split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>;
    assert.equal(payload.sub, record.id);
    const user = await readSession(key, store, cookie);
    assert.equal(user?.name, 'ana');
    assert.deepEqual(user?.scopes, ['trigger']);
    assert.ok((user?.csrf.length ?? 0) > 20);
  });

  it('refuses forged, foreign-key and revoked sessions', async () => {
    const cookie = await signSession(key, record);
    const [h, p] = cookie.split('.');
    assert.equal(await readSession(key, store, `${h}.${p}.AAAA`), undefined);
    assert.equal(
      await readSession(new TextEncoder().encode('x'.repeat(32)), store, cookie),
      undefined,
    );
    await store.updateToken(record.id, { revoked: true });
    assert.equal(await readSession(key, store, cookie), undefined);
  });
});
