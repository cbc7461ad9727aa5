/** The Store on any Kysely dialect: the dialect-specific files only open the database. */
import type { Kysely } from 'kysely';
import type { Store } from '../store.ts';
import type { Database } from './schema.ts';
import { agentMethods } from './agents.ts';
import { buildMethods } from './builds.ts';
import { inTransaction } from './json.ts';
import { jobMethods } from './jobs.ts';
import { migrate } from './migrations.ts';
import { miscMethods } from './misc.ts';
import { projectMethods } from './projects.ts';
import { triggerMethods } from './triggers.ts';

export async function createKyselyStore(db: Kysely<Database>): Promise<Store> {
  await migrate(db as Kysely<unknown>);
  return { ...storeOver(db), close: () => db.destroy() };
}

function storeOver(db: Kysely<Database>): Store {
  return {
    close: () => Promise.reject(new Error('close the store, not a transaction')),
    atomically: (fn) => inTransaction(db, (trx) => fn(storeOver(trx))),
    ...projectMethods(db),
    ...buildMethods(db),
    ...jobMethods(db),
    ...agentMethods(db),
    ...miscMethods(db),
    ...triggerMethods(db),
  };
}
