import { newId } from '../../ids.ts';
import type { Kysely, Selectable } from 'kysely';
import type { BuildResult } from '../../../protocol/runner-types.ts';
import type { BuildRecord, BuildStatus, Placement } from '../records.ts';
import type { Store } from '../store.ts';
import type { BuildsTable, Database } from './schema.ts';
import { bool, defined, fromJson, inTransaction, num, numOrNull, toJson } from './json.ts';

type BuildMethods = Pick<
  Store,
  'createBuild' | 'getBuild' | 'findBuild' | 'listBuilds' | 'updateBuild' | 'previousFinished'
>;

export function buildMethods(db: Kysely<Database>): BuildMethods {
  return {
    async createBuild(b) {
      return inTransaction(db, async (trx) => {
        const number = await nextBuildNumber(trx, b.projectId);
        const now = Date.now();
        const record: BuildRecord = {
          id: newId('b'),
          projectId: b.projectId,
          number,
          status: 'queued',
          result: null,
          repoUrl: b.repoUrl,
          pipelineFile: b.pipelineFile,
          ref: b.ref ?? null,
          commit: b.commit ?? null,
          branch: b.branch ?? null,
          tag: b.tag ?? null,
          params: b.params ?? {},
          causes: b.causes ?? [],
          changeRequest: b.changeRequest ?? null,
          fromFork: b.fromFork ?? false,
          changedFiles: b.changedFiles ?? null,
          placement: null,
          queuedAt: now,
          notBefore: b.notBefore ?? now,
          startedAt: null,
          finishedAt: null,
          waitReason: null,
          cancelRequested: false,
          rebuildOf: b.rebuildOf ?? null,
          systemLogSeq: 0,
        };
        await trx.insertInto('builds').values(toRow(record)).execute();
        return record;
      });
    },
    async getBuild(id) {
      const row = await db.selectFrom('builds').selectAll().where('id', '=', id).executeTakeFirst();
      return row && fromRow(row);
    },
    async findBuild(projectId, number) {
      const row = await db
        .selectFrom('builds')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('number', '=', number)
        .executeTakeFirst();
      return row && fromRow(row);
    },
    async listBuilds(q) {
      let query = db.selectFrom('builds').selectAll();
      if (q.projectId !== undefined) query = query.where('project_id', '=', q.projectId);
      if (q.status !== undefined && q.status.length > 0)
        query = query.where('status', 'in', q.status);
      if (q.beforeQueuedAt !== undefined) query = query.where('queued_at', '<', q.beforeQueuedAt);
      const rows = await query
        .orderBy('queued_at', 'desc')
        .orderBy('number', 'desc')
        .limit(q.limit ?? 50)
        .execute();
      return rows.map(fromRow);
    },
    async updateBuild(id, patch) {
      const row = defined(patchRow(patch));
      if (Object.keys(row).length === 0) return;
      await db.updateTable('builds').set(row).where('id', '=', id).execute();
    },
    async previousFinished(projectId, branch, exceptId) {
      let query = db
        .selectFrom('builds')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('status', '=', 'finished')
        .where('id', '!=', exceptId);
      if (branch !== null) query = query.where('branch', '=', branch);
      const row = await query.orderBy('number', 'desc').limit(1).executeTakeFirst();
      return row && fromRow(row);
    },
  };
}

function toRow(b: BuildRecord): BuildsTable {
  return {
    id: b.id,
    project_id: b.projectId,
    number: b.number,
    ...(patchRow(b) as Omit<BuildsTable, 'id' | 'project_id' | 'number'>),
  };
}

function patchRow(b: Partial<BuildRecord>): Partial<BuildsTable> {
  const json = (v: unknown): string | null | undefined =>
    v === undefined ? undefined : v === null ? null : toJson(v);
  return {
    status: b.status,
    result: b.result,
    repo_url: b.repoUrl,
    pipeline_file: b.pipelineFile,
    ref: b.ref,
    commit_sha: b.commit,
    branch: b.branch,
    tag: b.tag,
    params: b.params === undefined ? undefined : toJson(b.params),
    causes: b.causes === undefined ? undefined : toJson(b.causes),
    change_request: json(b.changeRequest),
    from_fork: b.fromFork === undefined ? undefined : bool(b.fromFork),
    changed_files: json(b.changedFiles),
    placement: b.placement,
    queued_at: b.queuedAt,
    not_before: b.notBefore,
    started_at: b.startedAt,
    finished_at: b.finishedAt,
    wait_reason: b.waitReason,
    cancel_requested: b.cancelRequested === undefined ? undefined : bool(b.cancelRequested),
    rebuild_of: b.rebuildOf,
    system_log_seq: b.systemLogSeq,
  };
}

function fromRow(r: Selectable<BuildsTable>): BuildRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    number: num(r.number),
    status: r.status as BuildStatus,
    result: r.result as BuildResult | null,
    repoUrl: r.repo_url,
    pipelineFile: r.pipeline_file,
    ref: r.ref,
    commit: r.commit_sha,
    branch: r.branch,
    tag: r.tag,
    params: fromJson(r.params, {}),
    causes: fromJson(r.causes, []),
    changeRequest: fromJson(r.change_request, null),
    fromFork: num(r.from_fork) === 1,
    changedFiles: fromJson(r.changed_files, null),
    placement: r.placement as Placement | null,
    queuedAt: num(r.queued_at),
    notBefore: num(r.not_before),
    startedAt: numOrNull(r.started_at),
    finishedAt: numOrNull(r.finished_at),
    waitReason: r.wait_reason,
    cancelRequested: num(r.cancel_requested) === 1,
    rebuildOf: r.rebuild_of,
    systemLogSeq: num(r.system_log_seq),
  };
}

/** The project's counter, bumped under its row lock; max()+1 for builds of unknown projects. */
async function nextBuildNumber(trx: Kysely<Database>, projectId: string): Promise<number> {
  const bumped = await trx
    .updateTable('projects')
    .set((eb) => ({ build_counter: eb('build_counter', '+', 1) }))
    .where('id', '=', projectId)
    .returning('build_counter')
    .executeTakeFirst();
  if (bumped) return num(bumped.build_counter);
  const top = await trx
    .selectFrom('builds')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return num(top?.n ?? 0) + 1;
}
