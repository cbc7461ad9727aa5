/**
 * The web UI through `app.request()`: real controller, real agent, real git
 * and SQLite; HTML asserted as a browser without JavaScript would get it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Harness } from './support/harness.ts';
import { cookiesOf, signIn, startHarness } from './support/harness.ts';
import { makeRepo, submit, waitFinished } from './support/seed.ts';

const GOOD = String.raw`pipeline {
  agent none
  parameters {
    string(name: 'GREETING', defaultValue: 'hello')
    booleanParam(name: 'FAST', defaultValue: false)
  }
  stages {
    stage('Build') {
      agent { label 'linux' }
      steps {
        sh 'printf "\\033[32mcompiled\\033[0m\\n"'
        sh 'echo "<b>not bold</b>"'
      }
    }
    stage('Test') {
      parallel {
        stage('unit') {
          agent { label 'linux' }
          // One command, so the shell's trace adds a line or two, not one per test.
          steps { sh 'seq 1 600 | sed "s/.*/unit test & ok/"' }
        }
        stage('lint') {
          agent { label 'linux' }
          steps { sh 'sleep 0.2; echo lint clean' }
        }
      }
    }
  }
}
`;
const BAD = `pipeline {
  agent { label 'linux' }
  stages {
    stage('Check') {
      steps {
        sh 'echo checking'
        sh 'exit 3'
      }
    }
  }
}
`;
const MATRIX = `pipeline {
  agent none
  stages {
    stage('Cells') {
      matrix {
        agent { label 'linux' }
        axes {
          axis {
            name 'OS'
            values 'linux', 'bsd'
          }
          axis {
            name 'ARCH'
            values 'amd64', 'arm64'
          }
        }
        stages {
          stage('Check') {
            steps { sh 'echo "checking $OS/$ARCH"' }
          }
        }
      }
    }
  }
}
`;
const STUCK = `pipeline {
  agent none
  stages {
    stage('VM') {
      agent { label 'vagrant && kvm' }
      steps { sh 'true' }
    }
  }
}
`;

const html = { accept: 'text/html' };

describe('web pages', () => {
  let h: Harness;
  let app: Harness['controller']['app'];
  let session: { cookie: string; csrf: string };
  let ok: string;
  let failed: string;
  let waiting: string;
  let cells: string;

  const get = (path: string, cookie = session.cookie): Promise<Response> =>
    Promise.resolve(app.request(path, { headers: { ...html, cookie } }));
  const post = (
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Response> =>
    Promise.resolve(
      app.request(path, {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: new URLSearchParams(fields),
      }),
    );
  const page = async (path: string): Promise<string> => {
    const res = await get(path);
    assert.equal(res.status, 200, `${path} answered ${res.status}`);
    return res.text();
  };

  before(async () => {
    h = await startHarness();
    app = h.controller.app;
    await h.listen();
    h.startAgent('linux-1', ['linux']);
    session = await signIn(app, h.admin);
    const good = makeRepo(h.dir, GOOD, 'good');
    const bad = makeRepo(h.dir, BAD, 'bad');
    const stuck = makeRepo(h.dir, STUCK, 'stuck');
    ok = await submit(h, good);
    failed = await submit(h, bad);
    cells = await submit(h, makeRepo(h.dir, MATRIX, 'matrix'));
    await waitFinished(h, ok);
    await waitFinished(h, failed);
    await waitFinished(h, cells);
    waiting = await submit(h, stuck);
    const until = Date.now() + 60_000;
    while (
      !(await h.controller.store.jobsWithStatus(['queued'])).some(
        (j) => j.buildId === waiting && j.waitReason,
      )
    ) {
      if (Date.now() > until) throw new Error('the stuck build never said why it waits');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(() => h.close());

  describe('sign-in', () => {
    it('sends visitors without a session to sign in, and back afterwards', async () => {
      const res = await get('/builds/x?log=y', '');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/sign-in?next=%2Fbuilds%2Fx%3Flog%3Dy');
      const data = await app.request('/builds/x/log/y/lines');
      assert.equal(data.status, 401, 'data routes answer 401, not a redirect');
    });

    it('sets an HttpOnly, SameSite=Lax session cookie that holds no raw token', async () => {
      const form = await app.request('/sign-in', { headers: html });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const res = await app.request('/sign-in', {
        method: 'POST',
        headers: { cookie: cookiesOf(form), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: h.admin, _csrf: csrf, next: '/queue' }),
      });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/queue');
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rig_session=')) ?? '';
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.doesNotMatch(cookie, /Secure/, 'plain http on loopback');
      assert.ok(!cookie.includes(h.admin));
    });

    it('marks the cookie Secure behind https', async () => {
      const form = await app.request('/sign-in', {
        headers: { ...html, 'x-forwarded-proto': 'https' },
      });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const res = await app.request('/sign-in', {
        method: 'POST',
        headers: {
          cookie: cookiesOf(form),
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-proto': 'https',
        },
        body: new URLSearchParams({ token: h.admin, _csrf: csrf }),
      });
      assert.match(
        res.headers.getSetCookie().find((c) => c.startsWith('rig_session=')) ?? '',
        /Secure/,
      );
    });

    it('refuses a wrong token with a message, and a sign-in post without its form token', async () => {
      const form = await app.request('/sign-in', { headers: html });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const wrong = await app.request('/sign-in', {
        method: 'POST',
        headers: { cookie: cookiesOf(form), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: 'rig_u_nope', _csrf: csrf }),
      });
      assert.equal(wrong.status, 401);
      assert.match(await wrong.text(), /role="alert">That token is not valid/);
      const forged = await app.request('/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: h.admin, _csrf: csrf }),
      });
      assert.equal(forged.status, 403);
      const agent = await app.request('/sign-in', {
        method: 'POST',
        headers: { cookie: cookiesOf(form), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: h.agentToken, _csrf: csrf }),
      });
      assert.equal(agent.status, 401, 'agent tokens do not sign in');
    });

    it('never redirects off-site after signing in', async () => {
      const form = await app.request('/sign-in?next=//evil.example/x', { headers: html });
      assert.match(await form.text(), /name="next" value="\/"/);
    });
  });

  describe('actions', () => {
    it('refuse a post without the CSRF token, from another origin, or without the scope', async () => {
      const none = await post(`/builds/${waiting}/cancel`, {});
      assert.equal(none.status, 403);
      const other = await post(
        `/builds/${waiting}/cancel`,
        { _csrf: session.csrf },
        { origin: 'https://evil.example' },
      );
      assert.equal(other.status, 403);
      const reader = await signIn(app, await h.token(['read'], 'reader'));
      const res = await app.request(`/builds/${waiting}/cancel`, {
        method: 'POST',
        headers: { cookie: reader.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: reader.csrf }),
      });
      assert.equal(res.status, 403);
      assert.match(await res.text(), /lacks the trigger scope/);
      assert.notEqual((await h.controller.store.getBuild(waiting))?.status, 'finished');
      const page = await (await get(`/builds/${ok}`, reader.cookie)).text();
      assert.doesNotMatch(
        page,
        /action="[^"]*\/cancel"|Rebuild/,
        'a read-only user sees no action buttons',
      );
    });

    it('rebuild with changed parameters queues a new build of the same commit', async () => {
      const res = await post(`/builds/${ok}/rebuild`, {
        _csrf: session.csrf,
        'param.GREETING': 'bonjour',
      });
      assert.equal(res.status, 303);
      const id = res.headers.get('location')?.split('/').pop() ?? '';
      const again = await h.controller.store.getBuild(id);
      const first = await h.controller.store.getBuild(ok);
      assert.deepEqual(again?.params, { GREETING: 'bonjour' });
      assert.equal(again?.rebuildOf, ok);
      assert.equal(again?.commit, first?.commit);
      await waitFinished(h, id);
    });

    it('runs a build from the project page with a branch and parameters', async () => {
      const project = (await h.controller.store.getBuild(ok))?.projectId ?? '';
      const name = (await h.controller.store.getProject(project))?.name ?? '';
      const form = await page(`/projects/${name}`);
      assert.match(form, /<label for="ref">Branch, tag or commit<\/label>/);
      const res = await post(`/projects/${name}/builds`, {
        _csrf: session.csrf,
        ref: 'main',
        'bool.FAST': '1',
        'param.FAST': 'true',
        'param.GREETING': 'hi',
      });
      assert.equal(res.status, 303);
      const build = await h.controller.store.getBuild(
        res.headers.get('location')?.split('/').pop() ?? '',
      );
      assert.deepEqual(build?.params, { FAST: true, GREETING: 'hi' });
      await waitFinished(h, build?.id ?? '');
    });
  });

  describe('dashboard, queue and agents', () => {
    it('shows projects with their branches, and builds that wait with the reason', async () => {
      const body = await page('/');
      assert.match(body, /<h1>Builds<\/h1>/);
      assert.match(body, /href="\/projects\/good">good<\/a>/);
      assert.match(body, /<span class="branch-name">main<\/span>/);
      assert.match(body, /Queued <span class="count">1<\/span>/);
      assert.match(body, /no online agent matches|vagrant &amp;&amp; kvm/);
      assert.match(body, /hx-sse:connect="\/live\/dashboard"/);
    });

    it('narrows the lists with a search that works without JavaScript', async () => {
      const body = await page('/?q=stuck');
      assert.match(body, /href="\/projects\/stuck"/);
      assert.doesNotMatch(body, /href="\/projects\/good"/);
      assert.match(body, /value="stuck"/);
    });

    it('says on the queue page why each build waits', async () => {
      const body = await page('/queue');
      assert.match(body, /stuck #1/);
      assert.match(body, /<span class="wait-reason">[^<]*<code>vagrant &amp;&amp; kvm<\/code>/);
      assert.match(body, /Agents that can take work/);
      assert.match(body, /<a href="\/agents">linux-1<\/a>/);
    });

    it('lists agents with labels, state, host facts, and the reason of a quarantine', async () => {
      const agent = await h.controller.store.getAgentByName('linux-1');
      let body = await page('/agents');
      assert.match(body, /<h2 id="agent-[^"]+">linux-1<\/h2>/);
      assert.match(body, /<li class="label">linux<\/li>/);
      assert.match(body, /<dt>CPU<\/dt>/);
      assert.match(body, /(Idle|Busy)<\/span>/);
      await h.controller.store.updateAgent(agent?.id ?? '', {
        status: 'quarantined',
        statusReason: 'host dirty: stale netns rig-ns-7',
      });
      body = await page('/agents');
      assert.match(body, /Quarantined<\/span>/);
      assert.match(body, /host dirty: stale netns rig-ns-7/);
      await h.controller.store.updateAgent(agent?.id ?? '', {
        status: 'online',
        statusReason: null,
      });
    });
  });

  describe('build page', () => {
    it('shows result, trigger, commit and a stage graph with lanes, agents and log links', async () => {
      const body = await page(`/builds/${ok}`);
      assert.match(body, /Passed<\/span>/);
      assert.match(body, /Started by admin/);
      assert.match(body, /<code title="[0-9a-f]{40}">[0-9a-f]{12}<\/code>/);
      assert.match(body, /aria-label="Test: 2 parallel branches"/);
      assert.match(body, /<span class="chip-name">unit<\/span>/);
      assert.match(body, /on linux-1/);
      assert.match(
        body,
        /<a class="chip tone-success status-finished" href="\/builds\/[^"?]+\?log=j[^"&]+&amp;from=0#L\d+" data-stream="j/,
      );
    });

    it('shows a matrix as a grid of cells named by their axis values', async () => {
      const body = await page(`/builds/${cells}`);
      assert.match(body, /aria-label="Cells: 4 matrix cells"/);
      for (const cell of ['OS=linux, ARCH=amd64', 'OS=bsd, ARCH=arm64'])
        assert.match(body, new RegExp(`<span class="chip-name">${cell}</span>`));
      assert.match(body, /Passed<\/span>/);
    });

    it('opens on the failed stage, with its log paged for browsers without JavaScript', async () => {
      const body = await page(`/builds/${failed}`);
      assert.match(body, /Failed<\/span>/);
      assert.match(body, /aria-current="true" data-stream="j/);
      assert.match(
        body,
        /<div class="line" id="L\d+"><a class="ln" href="#L\d+">\d+<\/a><span class="lt">checking<\/span><\/div>/,
      );
      assert.match(body, /Lines 1–\d+ of \d+/);
    });

    it('renders ANSI colours and escapes HTML in the plain log view', async () => {
      const view = (await (
        await h.controller.app.request(`/api/builds/${ok}`, {
          headers: { authorization: `Bearer ${h.admin}` },
        })
      ).json()) as { jobs: Array<{ id: string; unitPath: string }> };
      const build = view.jobs.find((j) => j.unitPath === 'Build')?.id ?? '';
      const body = await page(`/builds/${ok}?log=${build}`);
      assert.match(body, /<span class="ansi-green-fg">compiled<\/span>/);
      assert.match(body, /&lt;b&gt;not bold&lt;\/b&gt;/);
    });

    it('pages long logs with links between pages', async () => {
      const view = (await (
        await h.controller.app.request(`/api/builds/${ok}`, {
          headers: { authorization: `Bearer ${h.admin}` },
        })
      ).json()) as { jobs: Array<{ id: string; unitPath: string }> };
      const unit = view.jobs.find((j) => j.unitPath === 'Test/unit')?.id ?? '';
      const first = await page(`/builds/${ok}?log=${unit}`);
      assert.match(first, /Lines 1–500 of 60\d/);
      assert.match(first, /rel="next"/);
      const second = await page(`/builds/${ok}?log=${unit}&from=500`);
      assert.match(second, /id="L501"/);
      assert.match(second, /rel="prev"/);
    });

    it('shows post blocks and teardown as their own phase', async () => {
      const build = await h.controller.store.getBuild(failed);
      const [job] = await h.controller.store.listJobs(failed);
      await h.controller.store.recordChunk({
        jobId: null,
        buildId: failed,
        source: job?.id ?? '',
        chunkSeq: 10_000,
        logLines: 0,
        events: [
          {
            index: 0,
            line: 3,
            event: {
              type: 'post.start',
              at: build?.finishedAt ?? 0,
              scope: 'pipeline',
              condition: 'always',
            },
          },
          {
            index: 1,
            line: 4,
            event: {
              type: 'post.end',
              at: build?.finishedAt ?? 0,
              scope: 'pipeline',
              condition: 'always',
              result: 'SUCCESS',
            },
          },
          {
            index: 2,
            line: 4,
            event: {
              type: 'teardown',
              at: build?.finishedAt ?? 0,
              removed: [
                { kind: 'container', id: 'c1' },
                { kind: 'container', id: 'c2' },
                { kind: 'netns', id: 'rig-ns-1' },
              ],
              failed: [],
              leftovers: [],
            },
          },
        ],
      });
      const body = await page(`/builds/${failed}`);
      assert.match(body, /<span class="phase-title">Post<\/span>/);
      assert.match(body, /<span class="phase-title">Teardown<\/span>/);
      assert.match(body, /removed 2 containers, 1 network namespace/);
    });

    it('cancels a waiting build from its page', async () => {
      const res = await post(`/builds/${waiting}/cancel`, { _csrf: session.csrf });
      assert.equal(res.status, 303);
      await waitFinished(h, waiting);
      assert.equal((await h.controller.store.getBuild(waiting))?.result, 'ABORTED');
      assert.match(await page(`/builds/${waiting}`), /Cancelled<\/span>/);
    });
  });

  describe('log data for the viewer', () => {
    let base: string;
    before(async () => {
      const jobs = await h.controller.store.listJobs(ok);
      base = `/builds/${ok}/log/${jobs.find((j) => j.unitPath === 'Test/unit')?.id ?? ''}`;
    });

    it('serves line ranges, never more than asked', async () => {
      const res = await get(`${base}/lines?from=100&count=3`);
      const page = (await res.json()) as {
        firstLine: number;
        lines: string[];
        total: number;
        finished: boolean;
      };
      assert.equal(page.firstLine, 100);
      assert.equal(page.lines.length, 3);
      assert.ok(page.lines.some((l) => /unit test \d+ ok/.test(l)));
      assert.ok(page.total > 600);
      assert.equal(page.finished, true);
    });

    it('streams search hits as NDJSON', async () => {
      const res = await get(`${base}/search?q=${encodeURIComponent('test 59')}`);
      assert.match(res.headers.get('content-type') ?? '', /ndjson/);
      const rows = (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; hits?: number; scanned?: number });
      assert.equal(rows.filter((r) => r.kind === 'hit').length, 11, 'test 59 and 590-599');
      const done = rows.at(-1);
      assert.equal(done?.kind, 'done');
      assert.equal(done?.hits, 11);
      assert.ok((done?.scanned ?? 0) > 600, 'the whole stream was scanned');
    });

    it('lists the matching lines on a page when JavaScript is off', async () => {
      const body = await page(`${base}/find?q=test+600`);
      assert.match(body, /1 line matches <q>test 600<\/q>/);
      assert.match(body, /href="\/builds\/[^"]+&amp;from=500#L\d+"/);
    });

    it('gives step sections for collapsing', async () => {
      const outline = (await (await get(`${base}/outline`)).json()) as {
        sections: Array<{ title: string; from: number; to: number }>;
        times: unknown[];
      };
      assert.equal(outline.sections.length, 1);
      assert.equal(outline.sections[0]?.title, 'Test/unit › sh');
      assert.ok((outline.sections[0]?.to ?? 0) - (outline.sections[0]?.from ?? 0) >= 600);
      assert.ok(outline.times.length > 0);
    });

    it('downloads the raw log as a file', async () => {
      const res = await get(`${base}/raw?download=1`);
      assert.match(
        res.headers.get('content-disposition') ?? '',
        /^attachment; filename=".+\.log"$/,
      );
      const text = await res.text();
      assert.equal(Number(res.headers.get('content-length')), Buffer.byteLength(text));
      assert.match(text, /unit test 600 ok\n/);
    });

    it('follows the log over SSE from a position and ends when the build has', async () => {
      const res = await get(`${base}/follow?from=600`);
      const text = await res.text();
      const events = text.split('\n\n').filter(Boolean);
      assert.match(events[0] ?? '', /^event: lines\ndata: \{"firstLine":600,/);
      assert.match(events.at(-1) ?? '', /^event: end/);
      const resumed = await app.request(`${base}/follow`, {
        headers: { cookie: session.cookie, 'last-event-id': '601' },
      });
      assert.match(await resumed.text(), /"firstLine":601,/);
    });
  });

  describe('tests and artifacts', () => {
    it('lists failures first with their message and marks flaky tests', async () => {
      const builds = await h.controller.store.listBuilds({ status: ['finished'], limit: 50 });
      const good = builds.filter((b) => b.projectId === builds.find((x) => x.id === ok)?.projectId);
      const [newest, older] = good;
      const row = (
        buildId: string,
        name: string,
        status: 'passed' | 'failed',
        message: string | null = null,
      ) => ({
        buildId,
        suite: 'net',
        className: 'net.VethTest',
        name,
        status,
        durationMs: 12,
        message,
      });
      await h.controller.store.addTestResults([
        row(older?.id ?? '', 'creates a pair', 'passed'),
        row(older?.id ?? '', 'moves to netns', 'passed'),
      ]);
      await h.controller.store.addTestResults([
        row(newest?.id ?? '', 'creates a pair', 'passed'),
        row(newest?.id ?? '', 'moves to netns', 'failed', 'expected link up, got DOWN'),
        row(newest?.id ?? '', 'a zzz failing one', 'failed', 'boom'),
      ]);
      const body = await page(`/builds/${newest?.id}/tests`);
      assert.match(body, /<strong>2 failed<\/strong> · 1 passed/);
      const failures = body.indexOf('Failures');
      const passed = body.indexOf('creates a pair');
      assert.ok(failures > 0 && failures < passed, 'failures come first');
      assert.match(body, /expected link up, got DOWN/);
      assert.match(body, /moves to netns<\/span><\/span><span class="flaky"/);
      assert.doesNotMatch(
        body,
        /a zzz failing one<\/span><\/span><span class="flaky"/,
        'never passed: not flaky',
      );
    });

    it('lists artifacts and downloads them, refusing paths outside the build', async () => {
      const dir = join(h.dir, 'data', 'artifacts', ok, 'files', 'dist');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'rig.tar.gz'), 'archive bytes');
      await h.controller.store.putArtifact({
        buildId: ok,
        path: 'dist/rig.tar.gz',
        size: 13,
        sha256: 'ab'.repeat(32),
        createdAt: Date.now(),
      });
      const body = await page(`/builds/${ok}/artifacts`);
      assert.match(body, /href="\/builds\/[^"]+\/artifacts\/dist\/rig.tar.gz" download/);
      const file = await get(`/builds/${ok}/artifacts/dist/rig.tar.gz`);
      assert.equal(await file.text(), 'archive bytes');
      assert.match(
        file.headers.get('content-disposition') ?? '',
        /attachment; filename="rig.tar.gz"/,
      );
      const sneaky = await get(`/builds/${ok}/artifacts/..%2F..%2Frig.db`);
      assert.ok(sneaky.status === 400 || sneaky.status === 404);
    });
  });

  describe('frame', () => {
    it('serves assets under hashed names with a year of caching', async () => {
      const body = await page('/');
      const css = /<link rel="stylesheet" href="(\/assets\/app\.[0-9a-f]{12}\.css)"/.exec(
        body,
      )?.[1];
      const htmx = /<script src="(\/assets\/htmx\.[0-9a-f]{12}\.js)"/.exec(body)?.[1];
      assert.ok(css && htmx, 'stylesheet and htmx are linked (run the build first)');
      const res = await app.request(htmx, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(res.headers.get('content-encoding'), 'gzip');
      assert.equal((await app.request('/assets/app.000000000000.css')).status, 404);
    });

    it('has landmarks, a skip link and a labelled search on every page', async () => {
      for (const path of ['/', '/queue', '/agents', `/builds/${ok}`]) {
        const body = await page(path);
        assert.match(body, /<html lang="en">/);
        assert.match(body, /<a class="skip-link" href="#main">/);
        assert.match(body, /<main id="main"/);
        assert.match(body, /<nav aria-label="Main">/);
      }
      assert.match(await page(`/builds/${ok}`), /role="status" aria-live="polite"/);
    });

    it('answers unknown pages with an HTML 404 and leaves /api to the API', async () => {
      const res = await get('/nowhere');
      assert.equal(res.status, 404);
      assert.match(await res.text(), /Nothing lives at \/nowhere/);
      const api = await app.request('/api/nowhere', { headers: html });
      assert.equal(api.status, 404);
      assert.doesNotMatch(await api.text(), /<html/);
      const missing = await get('/builds/b-none');
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /no build b-none/);
    });
  });
});
