/**
 * GET/POST /sign-in and POST /sign-out. Signing in is itself guarded
 * against cross-site posts: a random pre-session cookie and a form field
 * derived from it must match (login CSRF).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { checkToken } from '../../controller/api/tokens.ts';
import { isHttps, loadSession, requireAction, sameOrigin } from '../auth/middleware.ts';
import type { WebEnv } from '../auth/middleware.ts';
import { mac, sameSecret, SESSION_COOKIE, SESSION_DAYS, signSession } from '../auth/session.ts';
import type { WebDeps } from '../deps.ts';
import { SignInPage } from '../pages/sign-in.tsx';

const PRE_COOKIE = 'rig_presession';

export function signInRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/sign-in', (c) => {
    const next = safeNext(c.req.query('next'));
    return c.html(<SignInPage assets={deps.assets} csrf={preCsrf(c, deps)} next={next} />);
  });

  app.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    const pre = getCookie(c, PRE_COOKIE);
    const sent = typeof form._csrf === 'string' ? form._csrf : '';
    if (!sameOrigin(c) || !pre || !sameSecret(sent, mac(deps.sessionKey, `pre:${pre}`)))
      return c.text('the sign-in form expired: reload the page and try again', 403);
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const record = token === '' ? undefined : await checkToken(deps.store, token, 'user');
    if (!record) {
      c.status(401);
      return c.html(
        <SignInPage
          assets={deps.assets}
          csrf={preCsrf(c, deps)}
          next={next}
          error="That token is not valid (unknown, revoked, or an agent token)."
        />,
      );
    }
    setCookie(c, SESSION_COOKIE, await signSession(deps.sessionKey, record), {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      path: '/',
      maxAge: SESSION_DAYS * 86400,
    });
    deleteCookie(c, PRE_COOKIE, { path: '/' });
    return c.redirect(next, 303);
  });

  app.post('/sign-out', loadSession(deps), requireAction('read'), (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
    return c.redirect('/sign-in', 303);
  });
  return app;
}

function preCsrf(c: Context, deps: WebDeps): string {
  let pre = getCookie(c, PRE_COOKIE);
  if (!pre) {
    pre = randomBytes(16).toString('base64url');
    setCookie(c, PRE_COOKIE, pre, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      path: '/',
      maxAge: 3600,
    });
  }
  return mac(deps.sessionKey, `pre:${pre}`);
}

/** Only same-site paths: `/x`, never `//evil` or `https://…`. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}
