import type { Kysely, Selectable } from 'kysely';
import type { AgentRecord, AgentStatus, Scope, TokenRecord } from '../records.ts';
import type { Store } from '../store.ts';
import type { AgentsTable, Database, TokensTable } from './schema.ts';
import { bool, defined, fromJson, num, numOrNull, toJson } from './json.ts';

type AgentMethods = Pick<
  Store,
  | 'upsertAgent'
  | 'getAgent'
  | 'getAgentByName'
  | 'listAgents'
  | 'updateAgent'
  | 'createToken'
  | 'findTokenByHash'
  | 'listTokens'
  | 'updateToken'
>;

export function agentMethods(db: Kysely<Database>): AgentMethods {
  return {
    async upsertAgent(a) {
      const row = { id: a.id, ...(agentPatch(a) as Omit<AgentsTable, 'id'>) };
      await db
        .insertInto('agents')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(agentPatch(a)))
        .execute();
    },
    async getAgent(id) {
      const row = await db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
      return row && agentFromRow(row);
    },
    async getAgentByName(name) {
      const row = await db
        .selectFrom('agents')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row && agentFromRow(row);
    },
    async listAgents() {
      const rows = await db.selectFrom('agents').selectAll().orderBy('name').execute();
      return rows.map(agentFromRow);
    },
    async updateAgent(id, patch) {
      const row = defined(agentPatch(patch));
      if (Object.keys(row).length === 0) return;
      await db.updateTable('agents').set(row).where('id', '=', id).execute();
    },
    async createToken(t) {
      await db
        .insertInto('tokens')
        .values({
          id: t.id,
          name: t.name,
          kind: t.kind,
          hash: t.hash,
          scopes: toJson(t.scopes),
          created_at: t.createdAt,
          last_used_at: t.lastUsedAt,
          revoked: bool(t.revoked),
        })
        .execute();
    },
    async findTokenByHash(hash) {
      const row = await db
        .selectFrom('tokens')
        .selectAll()
        .where('hash', '=', hash)
        .executeTakeFirst();
      return row && tokenFromRow(row);
    },
    async listTokens() {
      const rows = await db.selectFrom('tokens').selectAll().orderBy('created_at').execute();
      return rows.map(tokenFromRow);
    },
    async updateToken(id, patch) {
      const row = defined({
        last_used_at: patch.lastUsedAt,
        revoked: patch.revoked === undefined ? undefined : bool(patch.revoked),
      });
      if (Object.keys(row).length === 0) return;
      await db.updateTable('tokens').set(row).where('id', '=', id).execute();
    },
  };
}

function agentPatch(a: Partial<AgentRecord>): Partial<AgentsTable> {
  return {
    name: a.name,
    labels: a.labels === undefined ? undefined : toJson(a.labels),
    executors: a.executors,
    facts: a.facts === undefined ? undefined : toJson(a.facts),
    status: a.status,
    status_reason: a.statusReason,
    last_seen: a.lastSeen,
    connected_at: a.connectedAt,
  };
}

function agentFromRow(r: Selectable<AgentsTable>): AgentRecord {
  return {
    id: r.id,
    name: r.name,
    labels: fromJson(r.labels, []),
    executors: num(r.executors),
    facts: fromJson(r.facts, {}),
    status: r.status as AgentStatus,
    statusReason: r.status_reason,
    lastSeen: num(r.last_seen),
    connectedAt: numOrNull(r.connected_at),
  };
}

function tokenFromRow(r: Selectable<TokensTable>): TokenRecord {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind === 'agent' ? 'agent' : 'user',
    hash: r.hash,
    scopes: fromJson<Scope[]>(r.scopes, []),
    createdAt: num(r.created_at),
    lastUsedAt: numOrNull(r.last_used_at),
    revoked: num(r.revoked) === 1,
  };
}
