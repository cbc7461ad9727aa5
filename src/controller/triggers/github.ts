/**
 * GitHub-compatible webhooks: check the `X-Hub-Signature-256` header, then
 * turn a `push` or `pull_request` delivery into a typed trigger description.
 * Everything else is `ignored` with a reason; payloads that do not have the
 * fields we need are `invalid`. Nothing here throws, whatever the input.
 *
 * Which pull request actions trigger a build: `opened`, `synchronize` (new
 * commits), `reopened`, `ready_for_review`. Others (`closed`, `edited`,
 * `labeled`…) are ignored. A pull request is a fork's when its head repository
 * is not its base repository, or when the head repository is gone (GitHub
 * sends null); fork builds must not get secrets.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import {
  pullRequestPayload,
  pushPayload,
  type PullRequestPayload,
  type PushPayload,
  type RepositoryPayload,
} from './github-payloads.ts';

export interface RepositoryRef {
  fullName: string;
  cloneUrl: string;
  htmlUrl?: string;
}

export interface PushTrigger {
  kind: 'push';
  repository: RepositoryRef;
  /** Full ref, e.g. `refs/heads/main`; exactly one of `branch` and `tag` is set. */
  ref: string;
  branch?: string;
  tag?: string;
  before: string;
  after: string;
  created: boolean;
  /** The ref was deleted: `after` is all zeros and there is nothing to build. */
  deleted: boolean;
  forced: boolean;
  /** Added, modified and removed paths over all pushed commits, sorted, once each. */
  changedFiles: string[];
  /**
   * False when GitHub's lists may be cut short (2,048 commits per push, 3,000
   * files per commit) or do not describe `before..after` (new or deleted ref).
   * The controller should then ask git for the changes.
   */
  changedFilesComplete: boolean;
  pusher: string;
  headCommitMessage?: string;
}

export interface PullRequestTrigger {
  kind: 'pull_request';
  action: string;
  number: number;
  title: string;
  author: string;
  draft: boolean;
  url?: string;
  head: { sha: string; ref: string; repository: RepositoryRef | null };
  base: { sha: string; ref: string; repository: RepositoryRef };
  fork: boolean;
}

export type GitHubEvent =
  | PushTrigger
  | PullRequestTrigger
  | { kind: 'ignored'; ignored: string }
  | { kind: 'invalid'; error: string };

const triggeringActions = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review']);

/**
 * True when `header` is `sha256=<hex HMAC-SHA256 of body with secret>`.
 * Compares in constant time. An empty secret never verifies.
 */
export function verifyGitHubSignature(
  secret: string,
  body: Buffer,
  header: string | undefined,
): boolean {
  if (secret === '' || typeof header !== 'string') return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'));
}

/** `eventName` is the `X-GitHub-Event` header; `payload` the parsed JSON body. */
export function parseGitHubEvent(eventName: string, payload: unknown): GitHubEvent {
  if (eventName === 'push') return parsed(pushPayload, payload, 'push', fromPush);
  if (eventName === 'pull_request')
    return parsed(pullRequestPayload, payload, 'pull_request', fromPullRequest);
  if (eventName === 'ping') return { kind: 'ignored', ignored: 'ping: the webhook is set up' };
  return { kind: 'ignored', ignored: `event '${String(eventName)}' does not trigger builds` };
}

function parsed<T>(
  schema: z.ZodType<T>,
  payload: unknown,
  name: string,
  convert: (p: T) => GitHubEvent,
): GitHubEvent {
  let result: ReturnType<typeof schema.safeParse>;
  try {
    result = schema.safeParse(payload);
  } catch {
    // Plain JSON cannot make zod throw; objects with throwing getters can.
    return { kind: 'invalid', error: `not a valid ${name} payload` };
  }
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return {
      kind: 'invalid',
      error: `not a valid ${name} payload${where}: ${issue?.message ?? 'invalid'}`,
    };
  }
  return convert(result.data);
}

function repositoryRef(repo: RepositoryPayload): RepositoryRef {
  const ref: RepositoryRef = { fullName: repo.full_name, cloneUrl: repo.clone_url };
  if (repo.html_url !== undefined) ref.htmlUrl = repo.html_url;
  return ref;
}

function fromPush(p: PushPayload): GitHubEvent {
  const branch = p.ref.startsWith('refs/heads/') ? p.ref.slice('refs/heads/'.length) : undefined;
  const tag = p.ref.startsWith('refs/tags/') ? p.ref.slice('refs/tags/'.length) : undefined;
  if (!branch && !tag)
    return { kind: 'ignored', ignored: `push to ${p.ref} is neither a branch nor a tag` };
  const files = new Set(p.commits.flatMap((c) => [...c.added, ...c.modified, ...c.removed]));
  const truncated =
    p.commits.length >= 2048 ||
    p.commits.some((c) => c.added.length + c.modified.length + c.removed.length >= 3000);
  const trigger: PushTrigger = {
    kind: 'push',
    repository: repositoryRef(p.repository),
    ref: p.ref,
    before: p.before,
    after: p.after,
    created: p.created,
    deleted: p.deleted,
    forced: p.forced,
    changedFiles: [...files].sort(),
    changedFilesComplete: !truncated && !p.created && !p.deleted,
    pusher: p.pusher.name,
  };
  if (branch) trigger.branch = branch;
  if (tag) trigger.tag = tag;
  if (p.head_commit?.message !== undefined) trigger.headCommitMessage = p.head_commit.message;
  return trigger;
}

function fromPullRequest(p: PullRequestPayload): GitHubEvent {
  if (!triggeringActions.has(p.action)) {
    return {
      kind: 'ignored',
      ignored: `pull_request action '${p.action}' does not trigger builds`,
    };
  }
  const pr = p.pull_request;
  const headRepo = pr.head.repo ? repositoryRef(pr.head.repo) : null;
  const trigger: PullRequestTrigger = {
    kind: 'pull_request',
    action: p.action,
    number: p.number,
    title: pr.title,
    author: pr.user.login,
    draft: pr.draft,
    head: { sha: pr.head.sha, ref: pr.head.ref, repository: headRepo },
    base: { sha: pr.base.sha, ref: pr.base.ref, repository: repositoryRef(pr.base.repo) },
    fork: isFork(pr.head.repo, pr.base.repo),
  };
  if (pr.html_url !== undefined) trigger.url = pr.html_url;
  return trigger;
}

function isFork(head: RepositoryPayload | null, base: RepositoryPayload): boolean {
  if (!head) return true;
  if (head.id !== undefined && base.id !== undefined) return head.id !== base.id;
  return head.full_name.toLowerCase() !== base.full_name.toLowerCase();
}
