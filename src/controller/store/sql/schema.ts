import type { Generated } from 'kysely';

/**
 * Table shapes shared by every SQL dialect. Portable on purpose: text,
 * integer and bigint columns only; JSON as text; booleans as 0/1; times as
 * bigint milliseconds.
 */
export interface ProjectsTable {
  id: string;
  name: string;
  repo_url: string;
  pipeline_file: string;
  branch_filters: string;
  default_branch: string;
  webhook_secret: string | null;
  status_repo: string | null;
  status_credential_id: string | null;
  created_at: number;
  /** Last build number handed out (0002): bumped in the transaction that inserts a build. */
  build_counter: Generated<number>;
  /** 0002 */
  status_base_url: string | null;
  /** 0002: JSON `ProjectTrigger[]` from the pipeline on the default branch. */
  triggers: string;
}

export interface BuildsTable {
  id: string;
  project_id: string;
  number: number;
  status: string;
  result: string | null;
  repo_url: string;
  pipeline_file: string;
  ref: string | null;
  commit_sha: string | null;
  branch: string | null;
  tag: string | null;
  params: string;
  causes: string;
  change_request: string | null;
  from_fork: number;
  changed_files: string | null;
  placement: string | null;
  queued_at: number;
  not_before: number;
  started_at: number | null;
  finished_at: number | null;
  wait_reason: string | null;
  cancel_requested: number;
  rebuild_of: string | null;
  system_log_seq: number;
}

export interface JobsTable {
  id: string;
  build_id: string;
  unit_path: string | null;
  requirement: string;
  inherited_env: string;
  secret_env: string;
  status: string;
  result: string | null;
  agent_id: string | null;
  attempt: number;
  max_attempts: number;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
  last_chunk_seq: number;
  log_lines: number;
  wait_reason: string | null;
  note: string | null;
}

export interface EventsTable {
  build_id: string;
  source: string;
  chunk_seq: number;
  idx: number;
  line: number;
  event: string;
}

export interface AgentsTable {
  id: string;
  name: string;
  labels: string;
  executors: number;
  facts: string;
  status: string;
  status_reason: string | null;
  last_seen: number;
  connected_at: number | null;
}

export interface TokensTable {
  id: string;
  name: string;
  kind: string;
  hash: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked: number;
}

export interface DeliveriesTable {
  delivery_id: string;
  project_id: string;
  event: string;
  received_at: number;
  build_id: string | null;
}

export interface ArtifactsTable {
  build_id: string;
  path: string;
  size: number;
  sha256: string;
  created_at: number;
}

export interface TestResultsTable {
  build_id: string;
  suite: string;
  class_name: string;
  name: string;
  status: string;
  duration_ms: number;
  message: string | null;
}

export interface CredentialsTable {
  id: string;
  kind: string;
  description: string;
  sealed: string;
  created_at: number;
  updated_at: number;
}

export interface CronStateTable {
  project_id: string;
  spec: string;
  last_fire: number;
}

export interface ScmPollTable {
  project_id: string;
  ref: string;
  head: string;
  checked_at: number;
}

export interface LocksTable {
  resource: string;
  holder: string;
  acquired_at: number;
}

export interface Database {
  projects: ProjectsTable;
  builds: BuildsTable;
  jobs: JobsTable;
  build_events: EventsTable;
  agents: AgentsTable;
  tokens: TokensTable;
  webhook_deliveries: DeliveriesTable;
  artifacts: ArtifactsTable;
  test_results: TestResultsTable;
  credentials: CredentialsTable;
  cron_state: CronStateTable;
  locks: LocksTable;
  scm_poll_state: ScmPollTable;
}
