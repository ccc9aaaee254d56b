/**
 * The store many servers share (docs/multi-node.md): PostgreSQL through `pg` and
 * Kysely's PostgresDialect. The same schema, migrations and queries as the
 * SQLite adapters; any node may open it first.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import { CaesiumError } from '../errors.js';
import type { Store } from './ports/store.js';
import { createKyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema.js';
import { redactDsn } from './postgres/dsn.js';
import { clusterQueries } from './postgres/cluster-queries.js';
import { dispatchQueries } from './postgres/dispatch-queries.js';
import { createPgPool, type PgPoolOptions } from './postgres/pool.js';

/** Options of `createPostgresStore`; the caller reads `dsn` from `CAESIUM_DATABASE_DSN`. */
export type PostgresStoreOptions = PgPoolOptions;

/**
 * Connects to the database at `options.dsn`, brings it to the latest schema and
 * returns it as a `Store`.
 *
 * Migrations run in one transaction under a session advisory lock, so nodes
 * starting at once apply each migration exactly once and the others wait, then
 * find nothing left to do. A database that cannot be reached fails with
 * `E_STORE_OPEN` naming the DSN (without its password).
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = createPgPool(options);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (options.schema !== undefined) await sql`create schema if not exists ${sql.id(options.schema)}`.execute(db).catch(ignoreRace);
    await migrateToLatest(db as unknown as Kysely<unknown>, 'postgres', options.schema);
  } catch (error) {
    await db.destroy();
    throw new CaesiumError('E_STORE_OPEN', `cannot open the PostgreSQL store at ${redactDsn(options.dsn)}: ${messageOf(error)}`, {
      hint: 'check CAESIUM_DATABASE_DSN, that PostgreSQL is up and that the role may create tables',
      exitCode: 2,
      cause: error,
    });
  }
  return { ...createKyselyStore(db), cluster: clusterQueries(db), dispatches: dispatchQueries(db) };
}

/** Two nodes creating the schema at once: one of them sees a unique violation, and the schema exists. */
function ignoreRace(error: unknown): void {
  if ((error as { code?: string }).code !== '23505') throw error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
