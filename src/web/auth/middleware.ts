/**
 * Who is asking, and may they: the session on every web request, a
 * redirect to sign-in for pages, CSRF checks on every state change, scopes
 * on actions. Pages render for any signed-in user; actions need a scope.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { hasScope } from '../../controller/api/tokens.ts';
import type { Scope, TokenRecord } from '../../controller/store/records.ts';
import type { WebDeps } from '../deps.ts';
import { readSession, sameSecret, SESSION_COOKIE } from './session.ts';
import type { SessionUser } from './session.ts';

export type WebEnv = { Variables: { user: SessionUser | undefined } };

export function loadSession(deps: WebDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    c.set('user', await readSession(deps.sessionKey, deps.store, getCookie(c, SESSION_COOKIE)));
    await next();
  };
}

/** Pages send people to sign in and back; data routes answer 401. */
export const requireUser: MiddlewareHandler<WebEnv> = async (c, next) => {
  if (c.get('user')) return next();
  const wantsHtml = c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html');
  if (!wantsHtml) return c.text('sign in first', 401);
  const here = new URL(c.req.url);
  return c.redirect(`/sign-in?next=${encodeURIComponent(here.pathname + here.search)}`, 303);
};

export function signedIn(c: Context<WebEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new Error('route mounted without requireUser');
  return user;
}

export function may(user: SessionUser | undefined, scope: Scope): boolean {
  return user !== undefined && hasScope({ scopes: user.scopes } as TokenRecord, scope);
}

/**
 * Every POST: the CSRF token (form field `_csrf` or header `X-CSRF-Token`)
 * must match the session's, and a browser-sent Origin must be this site.
 */
export function requireAction(scope: Scope): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) return c.text('sign in first', 401);
    if (!sameOrigin(c)) return c.text('cross-site request refused', 403);
    const sent = c.req.header('x-csrf-token') ?? (await formField(c, '_csrf'));
    if (sent === undefined || !sameSecret(sent, user.csrf))
      return c.text('missing or stale form token: reload the page and try again', 403);
    if (!may(user, scope)) return c.text(`your token lacks the ${scope} scope`, 403);
    return next();
  };
}

export function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined || origin === 'null') return origin === undefined;
  const host = c.req.header('x-forwarded-host') ?? c.req.header('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('form')) return undefined;
  const value = (await c.req.parseBody())[name];
  return typeof value === 'string' ? value : undefined;
}

export function isHttps(c: Context): boolean {
  return c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https';
}
