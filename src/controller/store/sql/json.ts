import type { Kysely } from 'kysely';

/** JSON columns are text in every dialect. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  return JSON.parse(text) as T;
}

export const bool = (v: boolean): number => (v ? 1 : 0);
export const num = (v: number | string | bigint): number => Number(v);
export const numOrNull = (v: number | string | bigint | null): number | null =>
  v === null ? null : Number(v);

/** Drops keys whose value is undefined so a partial patch never writes NULL by accident. */
export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Runs `fn` in a transaction, or inside the one `db` already is (Kysely does not nest them). */
export function inTransaction<D, T>(db: Kysely<D>, fn: (trx: Kysely<D>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
