import type { Kysely } from 'kysely';
import type { TestStatus } from '../records.ts';
import type { Store } from '../store.ts';
import type { Database } from './schema.ts';
import { num } from './json.ts';

type MiscMethods = Pick<
  Store,
  | 'recordDelivery'
  | 'setDeliveryBuild'
  | 'putArtifact'
  | 'listArtifacts'
  | 'addTestResults'
  | 'listTestResults'
  | 'putCredential'
  | 'getCredential'
  | 'listCredentials'
  | 'deleteCredential'
  | 'tryLock'
  | 'releaseLock'
  | 'releaseLocksOf'
  | 'listLocks'
>;

export function miscMethods(db: Kysely<Database>): MiscMethods {
  return {
    async recordDelivery(d) {
      const result = await db
        .insertInto('webhook_deliveries')
        .values({
          delivery_id: d.deliveryId,
          project_id: d.projectId,
          event: d.event,
          received_at: d.receivedAt,
          build_id: d.buildId,
        })
        .onConflict((oc) => oc.column('delivery_id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },
    async setDeliveryBuild(deliveryId, buildId) {
      await db
        .updateTable('webhook_deliveries')
        .set({ build_id: buildId })
        .where('delivery_id', '=', deliveryId)
        .execute();
    },
    async putArtifact(a) {
      const row = { size: a.size, sha256: a.sha256, created_at: a.createdAt };
      await db
        .insertInto('artifacts')
        .values({ build_id: a.buildId, path: a.path, ...row })
        .onConflict((oc) => oc.columns(['build_id', 'path']).doUpdateSet(row))
        .execute();
    },
    async listArtifacts(buildId) {
      const rows = await db
        .selectFrom('artifacts')
        .selectAll()
        .where('build_id', '=', buildId)
        .orderBy('path')
        .execute();
      return rows.map((r) => ({
        buildId: r.build_id,
        path: r.path,
        size: num(r.size),
        sha256: r.sha256,
        createdAt: num(r.created_at),
      }));
    },
    async addTestResults(rows) {
      if (rows.length === 0) return;
      await db
        .insertInto('test_results')
        .values(
          rows.map((t) => ({
            build_id: t.buildId,
            suite: t.suite,
            class_name: t.className,
            name: t.name,
            status: t.status,
            duration_ms: t.durationMs,
            message: t.message,
          })),
        )
        .execute();
    },
    async listTestResults(buildId) {
      const rows = await db
        .selectFrom('test_results')
        .selectAll()
        .where('build_id', '=', buildId)
        .orderBy('suite')
        .orderBy('class_name')
        .orderBy('name')
        .execute();
      return rows.map((r) => ({
        buildId: r.build_id,
        suite: r.suite,
        className: r.class_name,
        name: r.name,
        status: r.status as TestStatus,
        durationMs: num(r.duration_ms),
        message: r.message,
      }));
    },
    async putCredential(c) {
      const row = {
        kind: c.kind,
        description: c.description,
        sealed: c.sealed,
        updated_at: c.updatedAt,
      };
      await db
        .insertInto('credentials')
        .values({ id: c.id, created_at: c.createdAt, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    },
    async getCredential(id) {
      const r = await db
        .selectFrom('credentials')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r && credentialFromRow(r);
    },
    async listCredentials() {
      const rows = await db.selectFrom('credentials').selectAll().orderBy('id').execute();
      return rows.map(credentialFromRow);
    },
    async deleteCredential(id) {
      const r = await db.deleteFrom('credentials').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async tryLock(resource, holder) {
      await db
        .insertInto('locks')
        .values({ resource, holder, acquired_at: Date.now() })
        .onConflict((oc) => oc.column('resource').doNothing())
        .execute();
      const r = await db
        .selectFrom('locks')
        .select('holder')
        .where('resource', '=', resource)
        .executeTakeFirst();
      return r?.holder === holder;
    },
    async releaseLock(resource, holder) {
      await db
        .deleteFrom('locks')
        .where('resource', '=', resource)
        .where('holder', '=', holder)
        .execute();
    },
    async releaseLocksOf(holderPrefix) {
      await db.deleteFrom('locks').where('holder', 'like', `${holderPrefix}%`).execute();
    },
    async listLocks() {
      const rows = await db.selectFrom('locks').selectAll().orderBy('acquired_at').execute();
      return rows.map((r) => ({
        resource: r.resource,
        holder: r.holder,
        acquiredAt: num(r.acquired_at),
      }));
    },
  };
}

function credentialFromRow(r: {
  id: string;
  kind: string;
  description: string;
  sealed: string;
  created_at: number;
  updated_at: number;
}): {
  id: string;
  kind: string;
  description: string;
  sealed: string;
  createdAt: number;
  updatedAt: number;
} {
  return {
    id: r.id,
    kind: r.kind,
    description: r.description,
    sealed: r.sealed,
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}
