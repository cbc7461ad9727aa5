/**
 * What the controller keeps: plain records, the same for every store
 * implementation. Times are milliseconds since the epoch.
 */
import type { BuildResult, ChangeRequest } from '../../protocol/runner-types.ts';

export type Scope = 'read' | 'trigger' | 'admin';

export interface ProjectRecord {
  id: string;
  name: string;
  /** A git URL or a local path. */
  repoUrl: string;
  pipelineFile: string;
  /** Glob patterns; a push to a branch matching none is ignored. Empty = all branches. */
  branchFilters: string[];
  defaultBranch: string;
  /** For `X-Hub-Signature-256`; null = webhooks refused. */
  webhookSecret: string | null;
  /** GitHub statuses: `owner/name` and the credential holding the token. */
  statusRepo: string | null;
  statusCredentialId: string | null;
  /** GitHub API base for statuses (`https://api.github.com`, GHE `…/api/v3`); null = the server's. */
  statusBaseUrl: string | null;
  /** `triggers { }` of the pipeline on the default branch, as last read. */
  triggers: ProjectTrigger[];
  createdAt: number;
}

/** A timer trigger of a project: `cron` queues a build; `pollSCM` queues one when the branch moved. */
export interface ProjectTrigger {
  kind: 'cron' | 'pollSCM';
  spec: string;
}

export type BuildStatus = 'queued' | 'running' | 'finished';
/** Where the build's top level runs: one agent job, or the controller's coordinator. */
export type Placement = 'agent' | 'controller';

export interface Cause {
  cause: string;
  detail?: string;
}

export interface BuildRecord {
  id: string;
  projectId: string;
  number: number;
  status: BuildStatus;
  result: BuildResult | null;
  repoUrl: string;
  pipelineFile: string;
  ref: string | null;
  commit: string | null;
  branch: string | null;
  tag: string | null;
  params: Record<string, string | boolean>;
  causes: Cause[];
  changeRequest: ChangeRequest | null;
  /** A pull request from a fork: never gets credentials. */
  fromFork: boolean;
  changedFiles: string[] | null;
  placement: Placement | null;
  queuedAt: number;
  /** Not before this time (quietPeriod). */
  notBefore: number;
  startedAt: number | null;
  finishedAt: number | null;
  waitReason: string | null;
  cancelRequested: boolean;
  rebuildOf: string | null;
  /** Unused: the `system` log stream numbers its own chunks (log-streams.ts). */
  systemLogSeq: number;
}

export type NewBuild = Pick<BuildRecord, 'projectId' | 'repoUrl' | 'pipelineFile'> &
  Partial<
    Pick<
      BuildRecord,
      | 'ref'
      | 'commit'
      | 'branch'
      | 'tag'
      | 'params'
      | 'causes'
      | 'changeRequest'
      | 'fromFork'
      | 'changedFiles'
      | 'notBefore'
      | 'rebuildOf'
    >
  >;

export type JobStatus = 'queued' | 'assigned' | 'running' | 'done' | 'lost';

/** What a job needs of an agent. */
export interface Requirement {
  /** A Jenkins label expression; null = any agent. */
  labelExpr: string | null;
  /** An executor kind the agent must have available (docker → container). */
  executor: string | null;
}

/**
 * A job is one attempt at running something on one agent: the whole build
 * (pipeline-level agent) or one placement unit (`unitPath` = stage path).
 */
export interface JobRecord {
  id: string;
  buildId: string;
  unitPath: string | null;
  requirement: Requirement;
  inheritedEnv: Record<string, string>;
  /** Names in `inheritedEnv` whose values hold secrets: the agent masks them in the log. */
  secretEnv: string[];
  status: JobStatus;
  result: BuildResult | null;
  agentId: string | null;
  attempt: number;
  maxAttempts: number;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Last log/event chunk applied (chunks are numbered from 1 per job). */
  lastChunkSeq: number;
  logLines: number;
  waitReason: string | null;
  /** Why it ended without a normal result (agent lost, cancelled while queued). */
  note: string | null;
}

export type NewJob = Pick<JobRecord, 'id' | 'buildId' | 'unitPath' | 'requirement'> &
  Partial<Pick<JobRecord, 'inheritedEnv' | 'secretEnv' | 'attempt' | 'maxAttempts'>>;

export type AgentStatus = 'online' | 'offline' | 'draining' | 'quarantined';

export interface AgentRecord {
  id: string;
  name: string;
  labels: string[];
  executors: number;
  facts: Record<string, string>;
  status: AgentStatus;
  statusReason: string | null;
  lastSeen: number;
  connectedAt: number | null;
}

export interface TokenRecord {
  id: string;
  name: string;
  kind: 'user' | 'agent';
  hash: string;
  scopes: Scope[];
  createdAt: number;
  lastUsedAt: number | null;
  revoked: boolean;
}

export interface StoredEvent {
  buildId: string;
  /** Job id, or `coordinator` for the controller-side top level. */
  source: string;
  chunkSeq: number;
  index: number;
  /** Line in the source's log stream when the event happened. */
  line: number;
  event: unknown;
}

export interface ArtifactRecord {
  buildId: string;
  path: string;
  size: number;
  sha256: string;
  createdAt: number;
}

export type TestStatus = 'passed' | 'failed' | 'skipped' | 'error';
export interface TestResultRecord {
  buildId: string;
  suite: string;
  className: string;
  name: string;
  status: TestStatus;
  durationMs: number;
  message: string | null;
}

export interface CredentialRecord {
  id: string;
  kind: string;
  description: string;
  /** Opaque to the store: the vault's sealed payload. */
  sealed: string;
  createdAt: number;
  updatedAt: number;
}

export interface DeliveryRecord {
  deliveryId: string;
  projectId: string;
  event: string;
  receivedAt: number;
  buildId: string | null;
}
