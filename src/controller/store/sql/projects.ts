import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ProjectRecord } from '../records.ts';
import type { Store } from '../store.ts';
import type { Database, ProjectsTable } from './schema.ts';
import { defined, fromJson, num, toJson } from './json.ts';

type ProjectMethods = Pick<
  Store,
  'createProject' | 'updateProject' | 'getProject' | 'listProjects'
>;

export function projectMethods(db: Kysely<Database>): ProjectMethods {
  return {
    async createProject(p) {
      const record: ProjectRecord = {
        ...p,
        statusBaseUrl: p.statusBaseUrl ?? null,
        triggers: p.triggers ?? [],
        createdAt: Date.now(),
      };
      await db.insertInto('projects').values(toRow(record)).execute();
      return record;
    },
    async updateProject(id, patch) {
      const row = defined(toRow({ ...patch } as ProjectRecord));
      if (Object.keys(row).length === 0) return;
      await db.updateTable('projects').set(row).where('id', '=', id).execute();
    },
    async getProject(idOrName) {
      const row = await db
        .selectFrom('projects')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
        .executeTakeFirst();
      return row && fromRow(row);
    },
    async listProjects() {
      const rows = await db.selectFrom('projects').selectAll().orderBy('name').execute();
      return rows.map(fromRow);
    },
  };
}

function toRow(p: ProjectRecord): Insertable<ProjectsTable> {
  return {
    id: p.id,
    name: p.name,
    repo_url: p.repoUrl,
    pipeline_file: p.pipelineFile,
    branch_filters: p.branchFilters === undefined ? (undefined as never) : toJson(p.branchFilters),
    default_branch: p.defaultBranch,
    webhook_secret: p.webhookSecret,
    status_repo: p.statusRepo,
    status_credential_id: p.statusCredentialId,
    status_base_url: p.statusBaseUrl,
    triggers: p.triggers === undefined ? (undefined as never) : toJson(p.triggers),
    created_at: p.createdAt,
  };
}

function fromRow(r: Selectable<ProjectsTable>): ProjectRecord {
  return {
    id: r.id,
    name: r.name,
    repoUrl: r.repo_url,
    pipelineFile: r.pipeline_file,
    branchFilters: fromJson(r.branch_filters, []),
    defaultBranch: r.default_branch,
    webhookSecret: r.webhook_secret,
    statusRepo: r.status_repo,
    statusCredentialId: r.status_credential_id,
    statusBaseUrl: r.status_base_url,
    triggers: fromJson(r.triggers, []),
    createdAt: num(r.created_at),
  };
}
