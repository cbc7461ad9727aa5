/** The embedded store: SQLite in WAL mode under the data directory. */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database as Schema } from './sql/schema.ts';
import { createKyselyStore } from './sql/kysely-store.ts';
import { cacheStatements } from './statement-cache.ts';
import type { Store } from './store.ts';

/** `file` may be `:memory:` for tests. */
export async function openSqliteStore(file: string): Promise<Store> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode loses at most the last transactions on power loss, never consistency.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  return createKyselyStore(
    new Kysely<Schema>({ dialect: new SqliteDialect({ database: cacheStatements(sqlite) }) }),
  );
}
