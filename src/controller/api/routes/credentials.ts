/**
 * Credentials: admins store them (sealed at rest by the vault); agents fetch
 * one for an active job — never for a build of a fork's pull request.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { credentialContext, openCredential } from '../../credentials.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { AuthEnv } from '../auth.ts';
import { requireScope } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';

const credentialBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('secret'), secret: z.string() }),
  z.object({ kind: z.literal('usernamePassword'), username: z.string(), password: z.string() }),
  z.object({
    kind: z.literal('sshKey'),
    username: z.string(),
    privateKey: z.string(),
    passphrase: z.string().optional(),
  }),
]);

export function credentialRoutes(deps: ApiDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const admin = requireScope(deps.store, 'admin');
  app.get('/', admin, async (c) =>
    c.json({
      credentials: (await deps.store.listCredentials()).map(({ sealed: _s, ...meta }) => meta),
    }),
  );
  app.put('/:id', admin, async (c) => {
    const body = await parseBody(
      c,
      credentialBody.and(z.object({ description: z.string().default('') })),
    );
    const { description, ...value } = body;
    const now = Date.now();
    const old = await deps.store.getCredential(c.req.param('id'));
    await deps.store.putCredential({
      id: c.req.param('id'),
      kind: value.kind,
      description,
      sealed: deps.vault.sealJson(value, credentialContext(c.req.param('id'))),
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    });
    return c.json({ id: c.req.param('id'), kind: value.kind }, old ? 200 : 201);
  });
  app.delete('/:id', admin, async (c) => {
    if (!(await deps.store.deleteCredential(c.req.param('id'))))
      throw notFound(`no credential ${c.req.param('id')}`);
    return c.json({ deleted: c.req.param('id') });
  });
  return app;
}

export function agentCredentialRoutes(deps: ApiDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/:job/credentials/:id', requireScope(deps.store, 'read', 'agent'), async (c) => {
    const job = await deps.store.getJob(c.req.param('job'));
    if (!job || (job.status !== 'assigned' && job.status !== 'running'))
      throw notFound('no such active job');
    const build = await deps.store.getBuild(job.buildId);
    if (!build || build.fromFork) {
      throw forbidden(
        `credentials are not given to builds of pull requests from forks (${c.req.param('id')})`,
      );
    }
    if (!(await deps.store.getCredential(c.req.param('id'))))
      throw notFound(`no credential ${c.req.param('id')}`);
    const opened = await openCredential(deps.store, deps.vault, c.req.param('id'));
    if ('error' in opened) throw new Error(opened.error);
    return c.json(opened.credential);
  });
  return app;
}
