/**
 * An in-process controller with the web UI mounted, for page tests
 * (`app.request`) and the browser tests. Pipelines are real Jenkinsfiles run
 * by the same runner, executors, coordinator and agent as `rig serve`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { RigAgent } from '../../../src/agent/agent.ts';
import { agentJobRunner, controllerCoordinator } from '../../../src/cli/job-runtime.ts';
import { agentsView } from '../../../src/controller/api/read-models.ts';
import { issueToken } from '../../../src/controller/api/tokens.ts';
import { createController } from '../../../src/controller/controller.ts';
import type { Controller } from '../../../src/controller/controller.ts';
import { parseControllerPipeline } from '../../../src/controller/pipeline-parser.ts';
import type { Scope } from '../../../src/controller/store/records.ts';
import { createWebUi, loadAssets, webDepsFor } from '../../../src/web/index.ts';
import type { WebDeps } from '../../../src/web/index.ts';

export interface Harness {
  dir: string;
  controller: Controller;
  deps: WebDeps;
  admin: string;
  agentToken: string;
  /** Base URL once `listen()` ran. */
  url: string;
  listen(): Promise<string>;
  token(scopes: Scope[], name?: string): Promise<string>;
  startAgent(name: string, labels: string[]): RigAgent;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'rig-web-'));
  const log = pino({ level: process.env.RIG_TEST_LOG ?? 'silent' });
  const controller = await createController({
    dataDir: join(dir, 'data'),
    log,
    parse: parseControllerPipeline,
    heartbeatMs: 500,
    reconnectWindowMs: 3000,
    coordinator: controllerCoordinator(join(dir, 'data')),
  });
  const deps = webDepsFor(controller, {
    artifactsDir: join(dir, 'data', 'artifacts'),
    sessionKey: new TextEncoder().encode('a-test-session-key-of-at-least-32-bytes!'),
    assets: loadAssets(),
    log,
  });
  controller.app.route('/', createWebUi(deps));
  const admin = (await issueToken(controller.store, 'admin', 'user', ['admin'])).token;
  const agentToken = (await issueToken(controller.store, 'agents', 'agent', [])).token;
  const agents: RigAgent[] = [];
  const h: Harness = {
    dir,
    controller,
    deps,
    admin,
    agentToken,
    url: '',
    async listen() {
      h.url = await controller.listen(0);
      return h.url;
    },
    token: async (scopes, name = scopes.join('-')) =>
      (await issueToken(controller.store, name, 'user', scopes)).token,
    startAgent(name, labels) {
      const agent = new RigAgent({
        server: h.url,
        token: agentToken,
        name,
        labels,
        executors: 2,
        executorKinds: ['host'],
        dataDir: join(dir, 'agents', name),
        log,
        runner: agentJobRunner(),
      });
      agent.start();
      agents.push(agent);
      return agent;
    },
    async close() {
      for (const a of agents) a.stop();
      // Let the controller see the agents go before its store closes under it.
      const until = Date.now() + 3000;
      while (
        (await agentsView(controller.store, deps.fleet)).some((a) => a.connected) &&
        Date.now() < until
      )
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 50));
      await controller.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Signs in through the form like a browser; returns the cookie header and the page's CSRF token. */
export async function signIn(
  app: Controller['app'],
  token: string,
): Promise<{ cookie: string; csrf: string }> {
  const form = await app.request('/sign-in', { headers: { accept: 'text/html' } });
  const pre = cookiesOf(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await app.request('/sign-in', {
    method: 'POST',
    headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, _csrf: csrf, next: '/' }),
  });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = cookiesOf(res);
  const page = await app.request('/', { headers: { cookie, accept: 'text/html' } });
  const session = /name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { cookie, csrf: session };
}

export function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => !c.endsWith('='))
    .join('; ');
}
