/** Helpers shared by the query modules. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The Kysely handle a query module runs on: the database, or a transaction. */
export type Db = Kysely<Database>;

/** Runs `fn` in a transaction: the current one, or a new one when `db` is not in a transaction. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** Splits rows into chunks so one INSERT stays under every dialect's parameter limit. */
export function chunks<T>(rows: readonly T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
