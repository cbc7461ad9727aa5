/**
 * API and agent tokens (`secrets/tokens.ts`): a prefix saying what the token
 * is, 256 random bits; only the SHA-256 is stored and the token is shown once.
 */
import { newId } from '../ids.ts';
import {
  agentTokenPrefix,
  generateToken,
  hashToken,
  userTokenPrefix,
  verifyToken,
} from '../secrets/index.ts';
import type { Scope, TokenRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';

export async function issueToken(
  store: Store,
  name: string,
  kind: TokenRecord['kind'],
  scopes: Scope[],
  token = generateToken(kind === 'agent' ? agentTokenPrefix : userTokenPrefix),
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
  if (!record || !verifyToken(token, record.hash) || record.revoked || record.kind !== kind)
    return undefined;
  return record;
}

const RANK: Record<Scope, number> = { read: 0, trigger: 1, admin: 2 };
export function hasScope(record: TokenRecord, needed: Scope): boolean {
  return record.scopes.some((s) => RANK[s] >= RANK[needed]);
}
