/**
 * The web UI: server-rendered pages on the controller's own HTTP server.
 * `createWebUi(deps)` returns a hono app to mount at `/` beside the API:
 *
 *   controller.app.route('/', createWebUi(webDepsFor(controller, …)))
 *
 * Every page and data route checks the session; every action checks the
 * CSRF token and the token's scope. Unknown paths under /api/ are left to
 * the API (they get its 404), the rest get an HTML one.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ControllerError } from '../controller/errors.ts';
import type { ErrorCode } from '../controller/errors.ts';
import { loadSession, requireUser } from './auth/middleware.ts';
import type { WebEnv } from './auth/middleware.ts';
import type { WebDeps } from './deps.ts';
import { ErrorPage } from './pages/error.tsx';
import { assetRoutes } from './routes/assets.ts';
import { buildFileRoutes } from './routes/build-files.tsx';
import { buildRoutes } from './routes/builds.tsx';
import type { Guard } from './routes/common.ts';
import { logRoutes } from './routes/logs.tsx';
import { pageRoutes } from './routes/pages.tsx';
import { signInRoutes } from './routes/sign-in.tsx';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
};

export function createWebUi(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const guard: Guard = [loadSession(deps), requireUser];
  app.onError((err, c) => errorPage(deps, c, err));
  app.route('/', assetRoutes(deps.assets));
  app.route('/', signInRoutes(deps));
  app.route('/', pageRoutes(deps, guard));
  app.route('/', buildRoutes(deps, guard));
  app.route('/', buildFileRoutes(deps, guard));
  app.route('/', logRoutes(deps, guard));
  app.get('*', loadSession(deps), (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    return c.html(
      <ErrorPage
        assets={deps.assets}
        user={c.get('user')}
        status={404}
        message={`Nothing lives at ${c.req.path}.`}
      />,
      404,
    );
  });
  return app;
}

async function errorPage(deps: WebDeps, c: Context<WebEnv>, err: Error): Promise<Response> {
  const known = err instanceof ControllerError;
  if (!known) deps.log.error({ err, path: c.req.path }, 'web request failed');
  const status = known ? STATUS[err.code] : 500;
  const message = known
    ? err.message
    : 'The controller hit an unexpected error; its log has the details.';
  if (!(c.req.header('accept') ?? '').includes('text/html')) return c.text(message, status);
  return c.html(
    <ErrorPage assets={deps.assets} user={c.get('user')} status={status} message={message} />,
    status,
  );
}
