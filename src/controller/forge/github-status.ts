/**
 * Reports a build's state on a commit through GitHub's REST statuses API
 * (`POST {baseUrl}/repos/{owner}/{repo}/statuses/{sha}`), so pull requests
 * show Rig's checks. `baseUrl` is `https://api.github.com`, a GitHub
 * Enterprise `https://host/api/v3`, or a local stand-in in tests.
 *
 * Never throws: the result says what happened. Network failures, timeouts,
 * 5xx and rate limits are retried with exponential backoff and jitter, a
 * bounded number of times; a `Retry-After` longer than the largest backoff is
 * not waited for but returned (`retryAfterMs`) so the caller can come back
 * later. Other 4xx (bad token, unknown repository, validation) fail at once.
 */

import { describeNetworkError, errorMessage, parseJson, retryAfter } from './github-response.ts';

export type CommitState = 'pending' | 'success' | 'failure' | 'error';

export interface CommitStatusRequest {
  baseUrl: string;
  token: string;
  /** `owner/name` */
  repo: string;
  sha: string;
  state: CommitState;
  /** Identifies the check, e.g. `rig/build`; statuses with the same context replace each other. */
  context: string;
  /** Cut to GitHub's 140 characters. */
  description?: string;
  targetUrl?: string;
  retry?: RetryPolicy;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface RetryPolicy {
  /** Attempts in all, the first included; default 4. */
  attempts?: number;
  /** Default 500 ms, doubled each retry, up to `maxDelayMs` (default 8 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export type CommitStatusResult =
  | { ok: true; status: number; id?: number; attempts: number }
  | {
      ok: false;
      /** HTTP status, or null when no response arrived (network, timeout, bad input). */
      status: number | null;
      message: string;
      attempts: number;
      retryable: boolean;
      retryAfterMs?: number;
    };

export const githubApiVersion = '2022-11-28';
const descriptionLimit = 140;

export async function postCommitStatus(request: CommitStatusRequest): Promise<CommitStatusResult> {
  const invalid = validate(request);
  if (invalid) return { ok: false, status: null, message: invalid, attempts: 0, retryable: false };
  const policy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8000, ...request.retry };
  let attempt = 0;
  while (true) {
    attempt++;
    const outcome = await attemptOnce(request);
    if (outcome.ok || !outcome.retryable || attempt >= policy.attempts || request.signal?.aborted) {
      return { ...outcome, attempts: attempt };
    }
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    const wait = outcome.retryAfterMs ?? backoff * (0.5 + Math.random() / 2);
    if (wait > policy.maxDelayMs) return { ...outcome, attempts: attempt };
    await sleep(wait, request.signal);
    if (request.signal?.aborted) {
      return { ok: false, status: null, message: 'cancelled', attempts: attempt, retryable: false };
    }
  }
}

type Outcome = DistributiveOmit<CommitStatusResult, 'attempts'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function validate(r: CommitStatusRequest): string | undefined {
  if (!/^[\w.-]+\/[\w.-]+$/.test(r.repo)) return `repository must be owner/name, got '${r.repo}'`;
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(r.sha)) return `not a commit sha: '${r.sha}'`;
  if (r.context.trim() === '') return 'context must not be empty';
  try {
    new URL(r.baseUrl);
  } catch {
    return `not a URL: '${r.baseUrl}'`;
  }
  return undefined;
}

export function statusUrl(baseUrl: string, repo: string, sha: string): string {
  const [owner = '', name = ''] = repo.split('/');
  const path = `repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/statuses/${sha}`;
  return baseUrl.replace(/\/+$/, '') + '/' + path;
}

function body(r: CommitStatusRequest): string {
  const payload: Record<string, string> = { state: r.state, context: r.context };
  if (r.description !== undefined) payload.description = truncate(r.description, descriptionLimit);
  if (r.targetUrl !== undefined) payload.target_url = r.targetUrl;
  return JSON.stringify(payload);
}

function truncate(text: string, limit: number): string {
  const chars = [...text];
  return chars.length <= limit ? text : chars.slice(0, limit - 1).join('') + '…';
}

async function attemptOnce(r: CommitStatusRequest): Promise<Outcome> {
  const timeout = AbortSignal.timeout(r.timeoutMs ?? 10_000);
  const signal = r.signal ? AbortSignal.any([r.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(statusUrl(r.baseUrl, r.repo, r.sha), {
      method: 'POST',
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${r.token}`,
        'X-GitHub-Api-Version': githubApiVersion,
        'Content-Type': 'application/json',
        'User-Agent': 'rig-ci',
      },
      body: body(r),
      signal,
    });
  } catch (e) {
    const cancelled = r.signal?.aborted === true;
    const reason = timeout.aborted ? 'timed out' : describeNetworkError(e);
    return {
      ok: false,
      status: null,
      message: cancelled ? 'cancelled' : reason,
      retryable: !cancelled,
    };
  }
  return interpret(response);
}

async function interpret(response: Response): Promise<Outcome> {
  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  if (response.status === 201 || response.status === 200) {
    const id = typeof json?.id === 'number' ? json.id : undefined;
    return id === undefined
      ? { ok: true, status: response.status }
      : { ok: true, status: response.status, id };
  }
  const message = errorMessage(response.status, json, text);
  const retryAfterMs = retryAfter(response);
  const rateLimited =
    response.status === 429 || (response.status === 403 && retryAfterMs !== undefined);
  const failure: Outcome = {
    ok: false,
    status: response.status,
    message,
    retryable: response.status >= 500 || rateLimited,
  };
  if (retryAfterMs !== undefined && failure.retryable) failure.retryAfterMs = retryAfterMs;
  return failure;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
