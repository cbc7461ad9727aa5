import type { Kysely, Selectable } from 'kysely';
import type { BuildResult } from '../../../protocol/runner-types.ts';
import type { JobRecord, JobStatus } from '../records.ts';
import type { Store } from '../store.ts';
import type { Database, JobsTable } from './schema.ts';
import { defined, fromJson, num, numOrNull, toJson } from './json.ts';

type JobMethods = Pick<
  Store,
  | 'createJob'
  | 'getJob'
  | 'listJobs'
  | 'jobsWithStatus'
  | 'updateJob'
  | 'recordChunk'
  | 'listEvents'
>;

export function jobMethods(db: Kysely<Database>): JobMethods {
  return {
    async createJob(j) {
      const record: JobRecord = {
        id: j.id,
        buildId: j.buildId,
        unitPath: j.unitPath,
        requirement: j.requirement,
        inheritedEnv: j.inheritedEnv ?? {},
        secretEnv: j.secretEnv ?? [],
        status: 'queued',
        result: null,
        agentId: null,
        attempt: j.attempt ?? 1,
        maxAttempts: j.maxAttempts ?? 2,
        queuedAt: Date.now(),
        startedAt: null,
        finishedAt: null,
        lastChunkSeq: 0,
        logLines: 0,
        waitReason: null,
        note: null,
      };
      await db
        .insertInto('jobs')
        .values({
          id: record.id,
          build_id: record.buildId,
          ...(patchRow(record) as Omit<JobsTable, 'id' | 'build_id'>),
        })
        .execute();
      return record;
    },
    async getJob(id) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row && fromRow(row);
    },
    async listJobs(buildId) {
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .where('build_id', '=', buildId)
        .orderBy('queued_at')
        .orderBy('attempt')
        .execute();
      return rows.map(fromRow);
    },
    async jobsWithStatus(statuses) {
      if (statuses.length === 0) return [];
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .where('status', 'in', statuses)
        .orderBy('queued_at')
        .execute();
      return rows.map(fromRow);
    },
    async updateJob(id, patch) {
      const row = defined(patchRow(patch));
      if (Object.keys(row).length === 0) return;
      await db.updateTable('jobs').set(row).where('id', '=', id).execute();
    },
    async recordChunk(input) {
      await db.transaction().execute(async (trx) => {
        if (input.events.length > 0) {
          await trx
            .insertInto('build_events')
            .values(
              input.events.map((e) => ({
                build_id: input.buildId,
                source: input.source,
                chunk_seq: input.chunkSeq,
                idx: e.index,
                line: e.line,
                event: toJson(e.event),
              })),
            )
            .onConflict((oc) => oc.columns(['build_id', 'source', 'chunk_seq', 'idx']).doNothing())
            .execute();
        }
        if (input.jobId !== null) {
          await trx
            .updateTable('jobs')
            .set({ last_chunk_seq: input.chunkSeq, log_lines: input.logLines })
            .where('id', '=', input.jobId)
            .where('last_chunk_seq', '<', input.chunkSeq)
            .execute();
        }
      });
    },
    async listEvents(buildId) {
      const rows = await db
        .selectFrom('build_events')
        .selectAll()
        .where('build_id', '=', buildId)
        .orderBy('source')
        .orderBy('chunk_seq')
        .orderBy('idx')
        .execute();
      return rows.map((r) => ({
        buildId: r.build_id,
        source: r.source,
        chunkSeq: num(r.chunk_seq),
        index: num(r.idx),
        line: num(r.line),
        event: JSON.parse(r.event) as unknown,
      }));
    },
  };
}

function patchRow(j: Partial<JobRecord>): Partial<JobsTable> {
  return {
    unit_path: j.unitPath,
    requirement: j.requirement === undefined ? undefined : toJson(j.requirement),
    inherited_env: j.inheritedEnv === undefined ? undefined : toJson(j.inheritedEnv),
    secret_env: j.secretEnv === undefined ? undefined : toJson(j.secretEnv),
    status: j.status,
    result: j.result,
    agent_id: j.agentId,
    attempt: j.attempt,
    max_attempts: j.maxAttempts,
    queued_at: j.queuedAt,
    started_at: j.startedAt,
    finished_at: j.finishedAt,
    last_chunk_seq: j.lastChunkSeq,
    log_lines: j.logLines,
    wait_reason: j.waitReason,
    note: j.note,
  };
}

function fromRow(r: Selectable<JobsTable>): JobRecord {
  return {
    id: r.id,
    buildId: r.build_id,
    unitPath: r.unit_path,
    requirement: fromJson(r.requirement, { labelExpr: null, executor: null }),
    inheritedEnv: fromJson(r.inherited_env, {}),
    secretEnv: fromJson(r.secret_env, []),
    status: r.status as JobStatus,
    result: r.result as BuildResult | null,
    agentId: r.agent_id,
    attempt: num(r.attempt),
    maxAttempts: num(r.max_attempts),
    queuedAt: num(r.queued_at),
    startedAt: numOrNull(r.started_at),
    finishedAt: numOrNull(r.finished_at),
    lastChunkSeq: num(r.last_chunk_seq),
    logLines: num(r.log_lines),
    waitReason: r.wait_reason,
    note: r.note,
  };
}
