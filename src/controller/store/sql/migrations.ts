/**
 * The one migrator for every dialect. Migrations are append-only: never edit
 * one that has shipped; add the next.
 */
import { Migrator, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';

const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('repo_url', 'text', (c) => c.notNull())
      .addColumn('pipeline_file', 'text', (c) => c.notNull())
      .addColumn('branch_filters', 'text', (c) => c.notNull())
      .addColumn('default_branch', 'text', (c) => c.notNull())
      .addColumn('webhook_secret', 'text')
      .addColumn('status_repo', 'text')
      .addColumn('status_credential_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('builds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('result', 'text')
      .addColumn('repo_url', 'text', (c) => c.notNull())
      .addColumn('pipeline_file', 'text', (c) => c.notNull())
      .addColumn('ref', 'text')
      .addColumn('commit_sha', 'text')
      .addColumn('branch', 'text')
      .addColumn('tag', 'text')
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('causes', 'text', (c) => c.notNull())
      .addColumn('change_request', 'text')
      .addColumn('from_fork', 'integer', (c) => c.notNull())
      .addColumn('changed_files', 'text')
      .addColumn('placement', 'text')
      .addColumn('queued_at', 'bigint', (c) => c.notNull())
      .addColumn('not_before', 'bigint', (c) => c.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('finished_at', 'bigint')
      .addColumn('wait_reason', 'text')
      .addColumn('cancel_requested', 'integer', (c) => c.notNull())
      .addColumn('rebuild_of', 'text')
      .addColumn('system_log_seq', 'integer', (c) => c.notNull())
      .addUniqueConstraint('builds_project_number', ['project_id', 'number'])
      .execute();
    await db.schema.createIndex('builds_status').on('builds').column('status').execute();
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('build_id', 'text', (c) => c.notNull())
      .addColumn('unit_path', 'text')
      .addColumn('requirement', 'text', (c) => c.notNull())
      .addColumn('inherited_env', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('result', 'text')
      .addColumn('agent_id', 'text')
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('queued_at', 'bigint', (c) => c.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('finished_at', 'bigint')
      .addColumn('last_chunk_seq', 'integer', (c) => c.notNull())
      .addColumn('log_lines', 'bigint', (c) => c.notNull())
      .addColumn('wait_reason', 'text')
      .addColumn('note', 'text')
      .execute();
    await db.schema.createIndex('jobs_build').on('jobs').column('build_id').execute();
    await db.schema.createIndex('jobs_status').on('jobs').column('status').execute();
    await db.schema
      .createTable('build_events')
      .addColumn('build_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('chunk_seq', 'integer', (c) => c.notNull())
      .addColumn('idx', 'integer', (c) => c.notNull())
      .addColumn('line', 'bigint', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('build_events_pk', ['build_id', 'source', 'chunk_seq', 'idx'])
      .execute();
    await db.schema
      .createTable('agents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('labels', 'text', (c) => c.notNull())
      .addColumn('executors', 'integer', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_reason', 'text')
      .addColumn('last_seen', 'bigint', (c) => c.notNull())
      .addColumn('connected_at', 'bigint')
      .execute();
    await db.schema
      .createTable('tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .addColumn('revoked', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('delivery_id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('build_id', 'text')
      .execute();
    await db.schema
      .createTable('artifacts')
      .addColumn('build_id', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('artifacts_pk', ['build_id', 'path'])
      .execute();
    await db.schema
      .createTable('test_results')
      .addColumn('build_id', 'text', (c) => c.notNull())
      .addColumn('suite', 'text', (c) => c.notNull())
      .addColumn('class_name', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('duration_ms', 'bigint', (c) => c.notNull())
      .addColumn('message', 'text')
      .execute();
    await db.schema
      .createIndex('test_results_build')
      .on('test_results')
      .column('build_id')
      .execute();
    await db.schema
      .createTable('credentials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('cron_state')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('spec', 'text', (c) => c.notNull())
      .addColumn('last_fire', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('cron_state_pk', ['project_id', 'spec'])
      .execute();
    await db.schema
      .createTable('locks')
      .addColumn('resource', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('acquired_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};

/**
 * Build numbers from a per-project counter bumped in the inserting
 * transaction (the row lock serialises concurrent controllers on PostgreSQL,
 * where max()+1 raced); a forge base URL per project; the project's triggers
 * and the heads pollSCM last saw.
 */
const triggersAndCounters: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('projects')
      .addColumn('build_counter', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('projects').addColumn('status_base_url', 'text').execute();
    await db.schema
      .alterTable('projects')
      .addColumn('triggers', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await sql`update projects set build_counter = coalesce((select max(number) from builds where builds.project_id = projects.id), 0)`.execute(
      db,
    );
    await db.schema
      .createTable('scm_poll_state')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('head', 'text', (c) => c.notNull())
      .addColumn('checked_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('scm_poll_state_pk', ['project_id', 'ref'])
      .execute();
  },
};

/** Which inherited variables of a placement unit hold secrets (the agent masks them). */
const secretEnv: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('jobs')
      .addColumn('secret_env', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
  },
};

const provider: MigrationProvider = {
  getMigrations: () =>
    Promise.resolve({
      '0001_initial': initial,
      '0002_triggers_and_counters': triggersAndCounters,
      '0003_secret_env': secretEnv,
    }),
};

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrate(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`store migration ${failed} failed`, { cause: error });
  }
}
