import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { parseGitHubEvent, verifyGitHubSignature, type GitHubEvent } from './github.ts';

const sha = (c: string): string => c.repeat(40);

function repo(fullName: string, id: number): Record<string, unknown> {
  return {
    id,
    name: fullName.split('/')[1],
    full_name: fullName,
    private: false,
    html_url: `https://github.com/${fullName}`,
    clone_url: `https://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    default_branch: 'main',
  };
}

function pushPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ref: 'refs/heads/main',
    before: sha('a'),
    after: sha('b'),
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: 'https://github.com/acme/rig/compare/aaaa...bbbb',
    commits: [
      { id: sha('c'), message: 'one', added: ['src/new.ts'], removed: [], modified: ['README.md'] },
      { id: sha('b'), message: 'two', added: [], removed: ['old.txt'], modified: ['README.md'] },
    ],
    head_commit: { id: sha('b'), message: 'two' },
    repository: repo('acme/rig', 1),
    pusher: { name: 'octocat', email: 'octocat@example.com' },
    sender: { login: 'octocat', id: 9 },
    ...overrides,
  };
}

function prPayload(
  action = 'opened',
  headRepo: unknown = repo('acme/rig', 1),
): Record<string, unknown> {
  return {
    action,
    number: 42,
    pull_request: {
      number: 42,
      state: 'open',
      title: 'Add a thing',
      html_url: 'https://github.com/acme/rig/pull/42',
      draft: false,
      user: { login: 'contributor' },
      head: { label: 'acme:feature', ref: 'feature', sha: sha('d'), repo: headRepo },
      base: { label: 'acme:main', ref: 'main', sha: sha('e'), repo: repo('acme/rig', 1) },
    },
    repository: repo('acme/rig', 1),
    sender: { login: 'contributor' },
  };
}

test("signature: GitHub's documented test vector verifies", () => {
  const body = Buffer.from('Hello, World!');
  const header = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
  assert.equal(verifyGitHubSignature("It's a Secret to Everybody", body, header), true);
  assert.equal(
    verifyGitHubSignature(
      "It's a Secret to Everybody",
      body,
      header.toUpperCase().replace('SHA256', 'sha256'),
    ),
    true,
  );
});

test('signature: wrong secret, changed body, bad or missing header all fail', () => {
  const body = Buffer.from('{"zen":"Keep it logically awesome."}');
  const good = 'sha256=' + createHmac('sha256', 's3cret').update(body).digest('hex');
  assert.equal(verifyGitHubSignature('s3cret', body, good), true);
  assert.equal(verifyGitHubSignature('other', body, good), false);
  assert.equal(verifyGitHubSignature('s3cret', Buffer.from(body.toString() + ' '), good), false);
  assert.equal(verifyGitHubSignature('s3cret', body, undefined), false);
  assert.equal(verifyGitHubSignature('s3cret', body, ''), false);
  assert.equal(verifyGitHubSignature('s3cret', body, good.replace('sha256=', 'sha1=')), false);
  assert.equal(verifyGitHubSignature('s3cret', body, good.slice(0, -2)), false);
  assert.equal(verifyGitHubSignature('s3cret', body, good.slice(0, -1) + 'g'), false);
  const emptySecret = 'sha256=' + createHmac('sha256', '').update(body).digest('hex');
  assert.equal(verifyGitHubSignature('', body, emptySecret), false);
});

test('push to a branch: repository, ref, shas, changed files, pusher', () => {
  const event = parseGitHubEvent('push', pushPayload());
  assert.deepEqual(event, {
    kind: 'push',
    repository: {
      fullName: 'acme/rig',
      cloneUrl: 'https://github.com/acme/rig.git',
      htmlUrl: 'https://github.com/acme/rig',
    },
    ref: 'refs/heads/main',
    branch: 'main',
    before: sha('a'),
    after: sha('b'),
    created: false,
    deleted: false,
    forced: false,
    changedFiles: ['README.md', 'old.txt', 'src/new.ts'],
    changedFilesComplete: true,
    pusher: 'octocat',
    headCommitMessage: 'two',
  } satisfies GitHubEvent);
});

test('push of a tag, of a new branch, and a deletion', () => {
  const tag = parseGitHubEvent('push', pushPayload({ ref: 'refs/tags/v1.2.3', commits: [] }));
  assert.equal(tag.kind === 'push' && tag.tag, 'v1.2.3');
  assert.equal(tag.kind === 'push' && tag.branch, undefined);
  const created = parseGitHubEvent('push', pushPayload({ created: true, before: sha('0') }));
  assert.equal(created.kind === 'push' && created.changedFilesComplete, false);
  const deleted = parseGitHubEvent(
    'push',
    pushPayload({ deleted: true, after: sha('0'), commits: [], head_commit: null }),
  );
  assert.equal(deleted.kind, 'push');
  assert.equal(deleted.kind === 'push' && deleted.deleted, true);
  assert.equal(deleted.kind === 'push' && deleted.headCommitMessage, undefined);
});

test('push to a ref that is neither branch nor tag is ignored', () => {
  assert.deepEqual(parseGitHubEvent('push', pushPayload({ ref: 'refs/notes/commits' })), {
    kind: 'ignored',
    ignored: 'push to refs/notes/commits is neither a branch nor a tag',
  });
});

test('a push of 2,048 commits may be truncated by GitHub', () => {
  const commits = Array.from({ length: 2048 }, (_, i) => ({
    id: String(i),
    added: [],
    removed: [],
    modified: [],
  }));
  const event = parseGitHubEvent('push', pushPayload({ commits }));
  assert.equal(event.kind === 'push' && event.changedFilesComplete, false);
});

test('pull request from the same repository', () => {
  const event = parseGitHubEvent('pull_request', prPayload('synchronize'));
  assert.deepEqual(event, {
    kind: 'pull_request',
    action: 'synchronize',
    number: 42,
    title: 'Add a thing',
    author: 'contributor',
    draft: false,
    url: 'https://github.com/acme/rig/pull/42',
    head: {
      sha: sha('d'),
      ref: 'feature',
      repository: {
        fullName: 'acme/rig',
        cloneUrl: 'https://github.com/acme/rig.git',
        htmlUrl: 'https://github.com/acme/rig',
      },
    },
    base: {
      sha: sha('e'),
      ref: 'main',
      repository: {
        fullName: 'acme/rig',
        cloneUrl: 'https://github.com/acme/rig.git',
        htmlUrl: 'https://github.com/acme/rig',
      },
    },
    fork: false,
  } satisfies GitHubEvent);
});

test('pull request from a fork, or from a deleted fork, is marked fork', () => {
  const fork = parseGitHubEvent('pull_request', prPayload('opened', repo('stranger/rig', 77)));
  assert.equal(fork.kind === 'pull_request' && fork.fork, true);
  assert.equal(fork.kind === 'pull_request' && fork.head.repository?.fullName, 'stranger/rig');
  const gone = parseGitHubEvent('pull_request', prPayload('reopened', null));
  assert.equal(gone.kind === 'pull_request' && gone.fork, true);
  assert.equal(gone.kind === 'pull_request' && gone.head.repository, null);
});

test('pull request actions that do not build are ignored', () => {
  for (const action of ['closed', 'edited', 'labeled', 'assigned']) {
    assert.deepEqual(parseGitHubEvent('pull_request', prPayload(action)), {
      kind: 'ignored',
      ignored: `pull_request action '${action}' does not trigger builds`,
    });
  }
  for (const action of ['opened', 'synchronize', 'reopened', 'ready_for_review']) {
    assert.equal(parseGitHubEvent('pull_request', prPayload(action)).kind, 'pull_request');
  }
});

test('ping and other events are ignored with a reason', () => {
  assert.deepEqual(parseGitHubEvent('ping', { zen: 'Design for failure.', hook_id: 1 }), {
    kind: 'ignored',
    ignored: 'ping: the webhook is set up',
  });
  assert.deepEqual(parseGitHubEvent('issues', {}), {
    kind: 'ignored',
    ignored: "event 'issues' does not trigger builds",
  });
});

test('payloads missing what we need are invalid, with the path', () => {
  const noRepo = pushPayload();
  delete noRepo.repository;
  assert.deepEqual(parseGitHubEvent('push', noRepo), {
    kind: 'invalid',
    error:
      'not a valid push payload at repository: Invalid input: expected object, received undefined',
  });
  assert.equal(parseGitHubEvent('pull_request', { action: 'opened' }).kind, 'invalid');
  assert.equal(parseGitHubEvent('push', null).kind, 'invalid');
  assert.equal(parseGitHubEvent('push', 'push').kind, 'invalid');
});

test('never throws on junk, including mutated real payloads', () => {
  const events = fc.constantFrom('push', 'pull_request', 'ping', 'release', '', '__proto__');
  fc.assert(
    fc.property(events, fc.anything(), (name, payload) => {
      const event = parseGitHubEvent(name, payload);
      assert.ok(['push', 'pull_request', 'ignored', 'invalid'].includes(event.kind));
    }),
    { numRuns: 1000 },
  );
  const mutated = fc
    .tuple(
      fc.constantFrom<[string, () => Record<string, unknown>]>(
        ['push', pushPayload],
        ['pull_request', prPayload],
      ),
      fc.array(
        fc.tuple(
          fc.constantFrom(
            'ref',
            'repository',
            'commits',
            'pull_request',
            'number',
            'action',
            'pusher',
            'before',
          ),
          fc.anything(),
        ),
      ),
    )
    .map(([[name, make], edits]) => {
      const payload = make();
      for (const [key, value] of edits) payload[key] = value;
      return [name, payload] as const;
    });
  fc.assert(
    fc.property(mutated, ([name, payload]) => {
      parseGitHubEvent(name, payload);
    }),
    { numRuns: 1000 },
  );
});

test('objects whose getters throw are invalid, not a crash', () => {
  const hostile = {
    get ref(): string {
      throw new Error('boom');
    },
  };
  assert.equal(parseGitHubEvent('push', hostile).kind, 'invalid');
});
