/**
 * POST /api/webhooks/github/:project — GitHub-compatible. No token: the
 * project's webhook secret signs the body. A bad signature is a 401 and
 * queues nothing; a delivery id seen before is acknowledged and ignored.
 */
import { Hono } from 'hono';
import { unauthorized, notFound, badRequest } from '../../errors.ts';
import { parseGitHubEvent, verifyGitHubSignature } from '../../triggers/github.ts';
import type { PullRequestTrigger, PushTrigger } from '../../triggers/github.ts';
import type { NewBuild, ProjectRecord } from '../../store/records.ts';
import type { ApiDeps } from '../deps.ts';

export function webhookRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.post('/github/:project', async (c) => {
    const project = await deps.store.getProject(c.req.param('project'));
    if (!project) throw notFound(`no project ${c.req.param('project')}`);
    const body = Buffer.from(await c.req.arrayBuffer());
    if (project.webhookSecret === null) throw unauthorized('this project has no webhook secret');
    if (!verifyGitHubSignature(project.webhookSecret, body, c.req.header('x-hub-signature-256'))) {
      throw unauthorized('bad X-Hub-Signature-256');
    }
    const deliveryId = c.req.header('x-github-delivery');
    if (!deliveryId) throw badRequest('missing X-GitHub-Delivery');
    const eventName = c.req.header('x-github-event') ?? '';
    const delivery = {
      deliveryId,
      projectId: project.id,
      event: eventName,
      receivedAt: Date.now(),
      buildId: null,
    };
    const decision = decide(project, eventName, body);
    if ('ignored' in decision) {
      const fresh = await deps.store.recordDelivery(delivery);
      return c.json(
        fresh ? { status: 'ignored', reason: decision.ignored } : duplicate(deliveryId),
      );
    }
    // The delivery id and its build are recorded together: a crash between the two could
    // otherwise turn GitHub's redelivery into a "duplicate" of a build that never existed.
    const record = await deps.scheduler.enqueueIf(
      (tx) => tx.recordDelivery(delivery),
      decision,
      `${eventName} delivery ${deliveryId}`,
      (tx, made) => tx.setDeliveryBuild(deliveryId, made.id),
    );
    if (!record) return c.json(duplicate(deliveryId));
    return c.json({ status: 'queued', build: { id: record.id, number: record.number } }, 201);
  });
  return app;
}

const duplicate = (deliveryId: string): { status: 'duplicate'; deliveryId: string } => ({
  status: 'duplicate',
  deliveryId,
});

/** What a delivery asks for: a build, or nothing and why. Bad payloads are a 400. */
function decide(
  project: ProjectRecord,
  eventName: string,
  body: Buffer,
): NewBuild | { ignored: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('the body is not JSON');
  }
  const event = parseGitHubEvent(eventName, payload);
  if (event.kind === 'ignored') return { ignored: event.ignored };
  if (event.kind === 'invalid') throw badRequest(event.error);
  return buildFor(project, event);
}

function buildFor(
  p: ProjectRecord,
  e: PushTrigger | PullRequestTrigger,
): NewBuild | { ignored: string } {
  const base = { projectId: p.id, repoUrl: p.repoUrl, pipelineFile: p.pipelineFile };
  if (e.kind === 'push') {
    if (e.deleted) return { ignored: `${e.ref} was deleted` };
    if (e.branch !== undefined && !branchAllowed(p.branchFilters, e.branch)) {
      return { ignored: `branch ${e.branch} matches none of ${p.branchFilters.join(', ')}` };
    }
    return {
      ...base,
      ref: e.ref,
      commit: e.after,
      branch: e.branch ?? null,
      tag: e.tag ?? null,
      changedFiles: e.changedFilesComplete ? e.changedFiles : null,
      causes: [{ cause: 'BranchEventCause', detail: `push by ${e.pusher}` }],
    };
  }
  return {
    ...base,
    ref: `refs/pull/${e.number}/head`,
    commit: e.head.sha,
    branch: `PR-${e.number}`,
    fromFork: e.fork,
    changeRequest: {
      id: String(e.number),
      target: e.base.ref,
      branch: e.head.ref,
      title: e.title,
      author: e.author,
      ...(e.url ? { url: e.url } : {}),
      ...(e.fork ? { fork: e.head.repository?.fullName ?? 'unknown' } : {}),
    },
    causes: [{ cause: 'BranchEventCause', detail: `pull request #${e.number} ${e.action}` }],
  };
}

function branchAllowed(filters: string[], branch: string): boolean {
  if (filters.length === 0) return true;
  return filters.some((f) =>
    new RegExp(`^${f.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(branch),
  );
}
