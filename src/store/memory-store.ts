/**
 * The in-memory store of local runs (`caesium dev`, harness): SQLite compiled
 * to WebAssembly (sql.js), loaded on first use, once per process.
 */
import { Kysely } from 'kysely';
import type { SqlJsStatic } from 'sql.js';
import type { Store } from './ports/store.js';
import { createKyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema.js';
import { SqlJsDialect } from './sqljs-dialect.js';

let sqlJs: Promise<SqlJsStatic> | undefined;

/** Loads and initialises sql.js (the WebAssembly module) once. */
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= import('sql.js')
    .then((m) => m.default())
    .catch((error: unknown) => {
      sqlJs = undefined; // let the next call try again
      throw error;
    });
  return sqlJs;
}

/** A fresh, migrated, in-memory database as a `Store`. */
export async function createMemoryStore(): Promise<Store> {
  const SQL = await loadSqlJs();
  const raw = new SQL.Database();
  // The database lives in WebAssembly memory and has one connection: keep the rollback journal in
  // memory, skip syncs, and hold the file lock for good (no lock and change-counter work per transaction).
  raw.run('PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA locking_mode = EXCLUSIVE;');
  const db = new Kysely<Database>({ dialect: new SqlJsDialect(raw) });
  await migrateToLatest(db as unknown as Kysely<unknown>, 'sqlite');
  return createKyselyStore(db);
}
