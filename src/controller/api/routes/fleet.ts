/** /api/agents and /api/queue: who can run what, and why each build waits. */
import { Hono } from 'hono';
import { z } from 'zod';
import { conflict, notFound } from '../../errors.ts';
import type { AuthEnv } from '../auth.ts';
import { requireScope } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { agentsView, queueView } from '../read-models.ts';

export function agentRoutes(deps: ApiDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/', requireScope(deps.store, 'read'), async (c) =>
    c.json({ agents: await agentsView(deps.store, deps.fleet) }),
  );
  // Drain from the controller's side: no new jobs go to the agent; running ones finish.
  app.post('/:name/drain', requireScope(deps.store, 'admin'), async (c) => {
    const { drain } = await parseBody(c, z.object({ drain: z.boolean().default(true) }));
    const agent = await deps.store.getAgentByName(c.req.param('name'));
    if (!agent) throw notFound(`no agent ${c.req.param('name')}`);
    const live = deps.fleet.get(agent.id);
    if (live) live.draining = drain;
    await deps.store.updateAgent(agent.id, {
      status: drain ? 'draining' : live?.link ? 'online' : 'offline',
    });
    deps.bus.publish({ kind: 'agents' });
    deps.scheduler.ctx.kick();
    return c.json({ name: agent.name, draining: drain });
  });
  // The agent decides: it drops its quarantine, takes the host as it is now as its baseline,
  // and says so with a `status` message. Only a connected agent can hear it.
  app.post('/:name/unquarantine', requireScope(deps.store, 'admin'), async (c) => {
    const agent = await deps.store.getAgentByName(c.req.param('name'));
    if (!agent) throw notFound(`no agent ${c.req.param('name')}`);
    const live = deps.fleet.get(agent.id);
    if (!live?.link) throw conflict(`agent ${agent.name} is not connected`);
    if (live.quarantine === null) throw conflict(`agent ${agent.name} is not quarantined`);
    live.link.send({ type: 'quarantine.clear', by: c.get('token').name });
    return c.json({ name: agent.name, was: live.quarantine }, 202);
  });
  return app;
}

export function queueRoutes(deps: ApiDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/', requireScope(deps.store, 'read'), async (c) =>
    c.json({ queue: await queueView(deps.store) }),
  );
  return app;
}
