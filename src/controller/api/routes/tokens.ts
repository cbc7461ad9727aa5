/** /api/tokens (admin): issue user or agent tokens; the token is shown once. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth.ts';
import { requireScope } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { issueToken } from '../tokens.ts';

export function tokenRoutes(deps: ApiDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const admin = requireScope(deps.store, 'admin');
  app.get('/', admin, async (c) =>
    c.json({ tokens: (await deps.store.listTokens()).map(({ hash: _h, ...t }) => t) }),
  );
  app.post('/', admin, async (c) => {
    const body = await parseBody(
      c,
      z.object({
        name: z.string().min(1),
        kind: z.enum(['user', 'agent']).default('user'),
        scopes: z.array(z.enum(['read', 'trigger', 'admin'])).default(['read']),
      }),
    );
    const { token, record } = await issueToken(
      deps.store,
      body.name,
      body.kind,
      body.kind === 'agent' ? [] : body.scopes,
    );
    return c.json(
      { id: record.id, name: record.name, kind: record.kind, scopes: record.scopes, token },
      201,
    );
  });
  app.delete('/:id', admin, async (c) => {
    await deps.store.updateToken(c.req.param('id'), { revoked: true });
    return c.json({ revoked: c.req.param('id') });
  });
  return app;
}
