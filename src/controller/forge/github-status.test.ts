import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postCommitStatus, type CommitStatusRequest } from './github-status.ts';
import { startGitHubStandIn, type GitHubStandIn } from './github-standin.ts';

const sha = 'a'.repeat(40);
const fastRetry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 20 };

async function withStandIn(fn: (gh: GitHubStandIn) => Promise<void>): Promise<void> {
  const gh = await startGitHubStandIn({ token: 'tok-123', repos: ['acme/rig'] });
  try {
    await fn(gh);
  } finally {
    await gh.close();
  }
}

function request(gh: GitHubStandIn, extra: Partial<CommitStatusRequest> = {}): CommitStatusRequest {
  return {
    baseUrl: gh.url,
    token: 'tok-123',
    repo: 'acme/rig',
    sha,
    state: 'success',
    context: 'rig/build',
    description: 'Build #7 passed',
    targetUrl: 'http://rig.example/builds/7',
    retry: fastRetry,
    ...extra,
  };
}

test('posts the documented request and returns the created status id', () =>
  withStandIn(async (gh) => {
    const result = await postCommitStatus(request(gh));
    assert.deepEqual(result, { ok: true, status: 201, id: 1, attempts: 1 });
    const [sent] = gh.requests;
    assert.equal(sent?.method, 'POST');
    assert.equal(sent?.path, `/repos/acme/rig/statuses/${sha}`);
    assert.equal(sent?.headers.accept, 'application/vnd.github+json');
    assert.equal(sent?.headers['x-github-api-version'], '2022-11-28');
    assert.equal(sent?.headers.authorization, 'Bearer tok-123');
    assert.deepEqual(JSON.parse(sent?.body ?? ''), {
      state: 'success',
      context: 'rig/build',
      description: 'Build #7 passed',
      target_url: 'http://rig.example/builds/7',
    });
    assert.equal(gh.statuses[0]?.state, 'success');
  }));

test('a base URL with a path and trailing slash works (GitHub Enterprise style)', () =>
  withStandIn(async (gh) => {
    // The stand-in only serves /repos/..., so a prefix must be kept verbatim: expect 404, not a crash.
    const result = await postCommitStatus(request(gh, { baseUrl: gh.url + '/api/v3/' }));
    assert.equal(result.ok, false);
    assert.equal(gh.requests[0]?.path, `/api/v3/repos/acme/rig/statuses/${sha}`);
  }));

test('long descriptions are cut to 140 characters', () =>
  withStandIn(async (gh) => {
    await postCommitStatus(request(gh, { description: 'x'.repeat(500) }));
    const sent = JSON.parse(gh.requests[0]?.body ?? '') as { description: string };
    assert.equal([...sent.description].length, 140);
    assert.ok(sent.description.endsWith('…'));
  }));

test('bad credentials and unknown repositories fail at once with GitHub’s message', () =>
  withStandIn(async (gh) => {
    assert.deepEqual(await postCommitStatus(request(gh, { token: 'wrong' })), {
      ok: false,
      status: 401,
      message: 'GitHub answered 401: Bad credentials',
      retryable: false,
      attempts: 1,
    });
    const missing = await postCommitStatus(request(gh, { repo: 'acme/other' }));
    assert.equal(missing.ok === false && missing.status, 404);
    assert.equal(gh.requests.length, 2);
  }));

test('a validation error (422) carries the detail', () =>
  withStandIn(async (gh) => {
    const result = await postCommitStatus(request(gh, { state: 'bogus' as 'success' }));
    assert.equal(result.ok, false);
    assert.equal(
      !result.ok && result.message,
      'GitHub answered 422: Validation Failed (state is not included in the list)',
    );
  }));

test('5xx and dropped connections are retried, then succeed', () =>
  withStandIn(async (gh) => {
    gh.failNext({ status: 502, body: { message: 'Server Error' } }, 'drop');
    const result = await postCommitStatus(request(gh));
    assert.deepEqual(result, { ok: true, status: 201, id: 1, attempts: 3 });
    assert.equal(gh.statuses.length, 1);
  }));

test('retries are bounded: persistent 5xx returns the last error', () =>
  withStandIn(async (gh) => {
    gh.failNext(
      ...Array.from({ length: 10 }, () => ({ status: 503, body: { message: 'Unavailable' } })),
    );
    const result = await postCommitStatus(request(gh));
    assert.deepEqual(result, {
      ok: false,
      status: 503,
      message: 'GitHub answered 503: Unavailable',
      retryable: true,
      attempts: 4,
    });
    assert.equal(gh.requests.length, 4);
  }));

test('rate limits: a short Retry-After is honoured, a long one is returned', () =>
  withStandIn(async (gh) => {
    gh.failNext({ status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '0' } });
    const ok = await postCommitStatus(request(gh));
    assert.equal(ok.ok && ok.attempts, 2);
    gh.failNext({
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit' },
      headers: { 'retry-after': '60' },
    });
    const later = await postCommitStatus(request(gh));
    assert.equal(later.ok, false);
    assert.equal(!later.ok && later.retryAfterMs, 60_000);
    assert.equal(later.attempts, 1);
  }));

test('a 403 that is not a rate limit is not retried', () =>
  withStandIn(async (gh) => {
    gh.failNext({ status: 403, body: { message: 'Resource not accessible by integration' } });
    const result = await postCommitStatus(request(gh));
    assert.equal(!result.ok && result.retryable, false);
    assert.equal(result.attempts, 1);
  }));

test('network errors are retried and reported', () =>
  withStandIn(async (gh) => {
    gh.failNext('drop', 'drop', 'drop');
    const result = await postCommitStatus(
      request(gh, { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 } }),
    );
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.status, null);
    assert.equal(!result.ok && result.retryable, true);
    assert.match(!result.ok ? result.message : '', /^network error: /);
    assert.equal(result.attempts, 2);
    assert.equal(gh.requests.length, 2);
  }));

test('bad input is refused before any request', async () => {
  const base = {
    baseUrl: 'http://127.0.0.1:1',
    token: 't',
    state: 'success' as const,
    context: 'c',
  };
  const repo = await postCommitStatus({ ...base, repo: 'no-slash', sha });
  assert.equal(!repo.ok && repo.message, "repository must be owner/name, got 'no-slash'");
  const badSha = await postCommitStatus({ ...base, repo: 'a/b', sha: 'main' });
  assert.equal(!badSha.ok && badSha.message, "not a commit sha: 'main'");
  const url = await postCommitStatus({ ...base, baseUrl: 'not a url', repo: 'a/b', sha });
  assert.equal(url.attempts, 0);
});

test('a cancelled signal stops retrying', () =>
  withStandIn(async (gh) => {
    gh.failNext(...Array.from({ length: 10 }, () => ({ status: 500 })));
    const controller = new AbortController();
    const pending = postCommitStatus(
      request(gh, {
        signal: controller.signal,
        retry: { attempts: 10, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      }),
    );
    setImmediate(() => controller.abort());
    const result = await pending;
    assert.deepEqual(result, {
      ok: false,
      status: null,
      message: 'cancelled',
      attempts: 1,
      retryable: false,
    });
  }));

test('the stand-in keeps the combined status per context', () =>
  withStandIn(async (gh) => {
    await postCommitStatus(request(gh, { state: 'pending', context: 'rig/a' }));
    await postCommitStatus(request(gh, { state: 'success', context: 'rig/a' }));
    await postCommitStatus(request(gh, { state: 'success', context: 'rig/b' }));
    const res = await fetch(`${gh.url}/repos/acme/rig/commits/${sha}/status`, {
      headers: { authorization: 'Bearer tok-123' },
    });
    const body = (await res.json()) as { state: string; total_count: number };
    assert.equal(body.state, 'success');
    assert.equal(body.total_count, 2);
  }));
