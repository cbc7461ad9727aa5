/**
 * Browser sessions. Signing in with an API token sets a cookie holding a
 * signed JWT (HS256, jose) that names the token by id, never the token
 * itself; every request re-reads the token record, so revoking the token
 * ends its sessions too. The JWT's random `sid` seeds the CSRF token.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Scope, TokenRecord } from '../../controller/store/records.ts';
import type { Store } from '../../controller/store/store.ts';

export const SESSION_COOKIE = 'rig_session';
export const SESSION_DAYS = 7;

export interface SessionUser {
  tokenId: string;
  name: string;
  scopes: Scope[];
  /** Goes in every form's `_csrf` field and the `X-CSRF-Token` header. */
  csrf: string;
}

export async function signSession(key: Uint8Array, token: TokenRecord): Promise<string> {
  return new SignJWT({ sid: randomBytes(16).toString('base64url') })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(token.id)
    .setIssuedAt()
    .setExpirationTime(`${SESSION_DAYS}d`)
    .sign(key);
}

/** The signed-in user, or undefined for a missing, forged, expired or revoked session. */
export async function readSession(
  key: Uint8Array,
  store: Store,
  cookie: string | undefined,
): Promise<SessionUser | undefined> {
  if (!cookie) return undefined;
  let sub: string | undefined;
  let sid: unknown;
  try {
    const { payload } = await jwtVerify(cookie, key, { algorithms: ['HS256'] });
    sub = payload.sub;
    sid = payload.sid;
  } catch {
    return undefined;
  }
  if (sub === undefined || typeof sid !== 'string') return undefined;
  const token = (await store.listTokens()).find((t) => t.id === sub);
  if (!token || token.revoked || token.kind !== 'user') return undefined;
  return {
    tokenId: token.id,
    name: token.name,
    scopes: token.scopes,
    csrf: mac(key, `csrf:${sid}`),
  };
}

export function mac(key: Uint8Array, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
