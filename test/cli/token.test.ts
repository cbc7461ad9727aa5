import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli.ts';
import { startServe, type Served } from '../web/support/serve.ts';

describe('rig token create', () => {
  let served: Served;
  before(async () => {
    served = await startServe();
  });
  after(() => served.stop());
  const env = (): NodeJS.ProcessEnv => ({ RIG_SERVER: served.url, RIG_TOKEN: served.admin });

  it('issues an agent token that the controller knows as an agent token', async () => {
    const r = await runCli(['token', 'create', 'build-box-1', '--agent'], served.dir, env());
    assert.equal(r.code, 0, r.stderr);
    const token = r.stdout.trim();
    assert.ok(token.length > 20, r.stdout);
    const { body } = await served.api<{ tokens: Array<{ name: string; kind: string }> }>(
      '/api/tokens',
    );
    assert.equal(body.tokens.find((t) => t.name === 'build-box-1')?.kind, 'agent');
    // An agent token is no key to the user API.
    const res = await fetch(`${served.url}/api/builds`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.ok(res.status === 401 || res.status === 403, `status ${res.status}`);
  });

  it('issues a user token with the scopes asked for', async () => {
    const r = await runCli(
      ['token', 'create', 'ci-bot', '--scopes', 'read,trigger'],
      served.dir,
      env(),
    );
    assert.equal(r.code, 0, r.stderr);
    const res = await fetch(`${served.url}/api/builds`, {
      headers: { authorization: `Bearer ${r.stdout.trim()}` },
    });
    assert.equal(res.status, 200);
  });

  it('refuses an unknown scope with exit 2 and makes no token', async () => {
    const r = await runCli(['token', 'create', 'oops', '--scopes', 'read,root'], served.dir, env());
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown scope root/);
    const { body } = await served.api<{ tokens: Array<{ name: string }> }>('/api/tokens');
    assert.ok(!body.tokens.some((t) => t.name === 'oops'));
  });
});
