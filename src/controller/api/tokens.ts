/**
 * API and agent tokens. Only a hash is stored; the token itself is shown
 * once. Tokens are 32 random bytes, so a fast hash is enough (no password
 * stretching needed for secrets with 256 bits of entropy).
 */
import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../ids.ts';
import type { Scope, TokenRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export async function issueToken(
  store: Store,
  name: string,
  kind: TokenRecord['kind'],
  scopes: Scope[],
  token = `rig_${kind === 'agent' ? 'a' : 'u'}_${randomBytes(24).toString('base64url')}`,
): Promise<{ token: string; record: TokenRecord }> {
  const record: TokenRecord = {
    id: newId('t'),
    name,
    kind,
    hash: hashToken(token),
    scopes,
    createdAt: Date.now(),
    lastUsedAt: null,
    revoked: false,
  };
  await store.createToken(record);
  return { token, record };
}

export async function checkToken(
  store: Store,
  token: string,
  kind: TokenRecord['kind'],
): Promise<TokenRecord | undefined> {
  const record = await store.findTokenByHash(hashToken(token));
  if (!record || record.revoked || record.kind !== kind) return undefined;
  return record;
}

const RANK: Record<Scope, number> = { read: 0, trigger: 1, admin: 2 };
export function hasScope(record: TokenRecord, needed: Scope): boolean {
  return record.scopes.some((s) => RANK[s] >= RANK[needed]);
}
