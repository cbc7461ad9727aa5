/**
 * The parts of GitHub's `push` and `pull_request` webhook payloads that Rig
 * reads, as zod schemas (field names as in GitHub's webhook documentation).
 * Unknown fields are dropped; a missing or mistyped field we rely on makes
 * the payload invalid.
 */
import { z } from 'zod';

const repository = z.object({
  id: z.number().optional(),
  full_name: z.string().min(1),
  clone_url: z.string().min(1),
  html_url: z.string().optional(),
  private: z.boolean().optional(),
});

const paths = z.array(z.string()).default([]);

const commit = z.object({
  id: z.string(),
  message: z.string().optional(),
  added: paths,
  removed: paths,
  modified: paths,
});

export const pushPayload = z.object({
  ref: z.string().min(1),
  before: z.string(),
  after: z.string(),
  created: z.boolean().default(false),
  deleted: z.boolean().default(false),
  forced: z.boolean().default(false),
  commits: z.array(commit).default([]),
  head_commit: z.object({ id: z.string(), message: z.string().optional() }).nullish(),
  repository,
  pusher: z.object({ name: z.string(), email: z.string().nullish() }),
  sender: z.object({ login: z.string() }).optional(),
});

const branchEnd = z.object({
  ref: z.string().min(1),
  sha: z.string().min(1),
  // GitHub sends null when the head repository (a fork) was deleted.
  repo: repository.nullable(),
});

export const pullRequestPayload = z.object({
  action: z.string(),
  number: z.number().int().positive(),
  pull_request: z.object({
    title: z.string(),
    html_url: z.string().optional(),
    draft: z.boolean().default(false),
    user: z.object({ login: z.string() }),
    head: branchEnd,
    base: branchEnd.extend({ repo: repository }),
  }),
  repository,
});

export type RepositoryPayload = z.infer<typeof repository>;
export type PushPayload = z.infer<typeof pushPayload>;
export type PullRequestPayload = z.infer<typeof pullRequestPayload>;
