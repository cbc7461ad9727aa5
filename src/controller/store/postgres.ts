/** The store on PostgreSQL, for controllers that share one database. */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database as Schema } from './sql/schema.ts';
import { createKyselyStore } from './sql/kysely-store.ts';
import type { Store } from './store.ts';

// Times are bigint columns: read them as numbers (they stay below 2^53).
pg.types.setTypeParser(20, (v) => Number(v));

export async function openPostgresStore(connectionString: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  return createKyselyStore(new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }));
}
