/**
 * The controller's HTTP app. A factory, so `rig serve` can mount the web UI
 * (src/web) on the same server: `createApi(deps)` returns a hono app whose
 * routes all live under /api/.
 */
import { Hono } from 'hono';
import type { ApiDeps } from './deps.ts';
import { errorResponse } from './errors.ts';
import { agentFileRoutes } from './routes/agent-files.ts';
import { artifactRoutes } from './routes/artifacts.ts';
import { buildRoutes } from './routes/builds.ts';
import { agentCredentialRoutes, credentialRoutes } from './routes/credentials.ts';
import { agentRoutes, queueRoutes } from './routes/fleet.ts';
import { logRoutes } from './routes/logs.ts';
import { projectRoutes } from './routes/projects.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { webhookRoutes } from './routes/webhooks.ts';

export function createApi(deps: ApiDeps): Hono {
  const app = new Hono();
  app.onError((err, c) =>
    errorResponse(err, c, (e) => deps.log.error({ err: e, path: c.req.path }, 'request failed')),
  );
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.route('/api/projects', projectRoutes(deps));
  app.route('/api/builds', buildRoutes(deps));
  app.route('/api/builds', logRoutes(deps));
  app.route('/api/builds', artifactRoutes(deps));
  app.route('/api/agents', agentRoutes(deps));
  app.route('/api/queue', queueRoutes(deps));
  app.route('/api/tokens', tokenRoutes(deps));
  app.route('/api/credentials', credentialRoutes(deps));
  app.route('/api/webhooks', webhookRoutes(deps));
  app.route('/api/agent/jobs', agentFileRoutes(deps));
  app.route('/api/agent/jobs', agentCredentialRoutes(deps));
  return app;
}
