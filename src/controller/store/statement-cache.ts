/**
 * Kysely's SQLite driver prepares every query anew; preparing was the
 * controller's largest cost after spawning processes (~1.5 s of CPU in 40
 * builds, bench/controller-throughput.ts). The store issues a few dozen
 * distinct statements, so a bounded cache keyed by SQL text reuses them.
 * Safe because better-sqlite3 runs a statement to completion on each call
 * and the store never streams (`iterate`) a result.
 */
import type { Database, Statement } from 'better-sqlite3';

export function cacheStatements(db: Database, limit = 256): Database {
  const cache = new Map<string, Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const hit = cache.get(sql);
    if (hit) {
      // Most recently used last: the first key is the one to evict.
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const made = prepare(sql);
    cache.set(sql, made);
    if (cache.size > limit) cache.delete(cache.keys().next().value!);
    return made;
  }) as Database['prepare'];
  return db;
}
