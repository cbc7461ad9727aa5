/** `Authorization: Bearer <token>` on every /api route, with read < trigger < admin scopes. */
import type { MiddlewareHandler } from 'hono';
import { forbidden, unauthorized } from '../errors.ts';
import type { Scope, TokenRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { checkToken, hasScope } from './tokens.ts';

export type AuthEnv = { Variables: { token: TokenRecord } };

export function bearer(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

export function requireScope(
  store: Store,
  scope: Scope,
  kind: TokenRecord['kind'] = 'user',
): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (token === undefined)
      throw unauthorized('missing token: send Authorization: Bearer <token>');
    const record = await checkToken(store, token, kind);
    if (!record) throw unauthorized(`invalid or revoked ${kind} token`);
    if (kind === 'user' && !hasScope(record, scope))
      throw forbidden(`this token lacks the ${scope} scope`);
    c.set('token', record);
    await next();
  };
}
