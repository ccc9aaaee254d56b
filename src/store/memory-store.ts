/**
 * The in-memory store of local runs (`caesium dev`, harness): SQLite compiled
 * to WebAssembly (sql.js), loaded on first use, once per process.
 *
 * Migrating a fresh database costs far more than the run of a small job, so a
 * store starts from a migrated template instead: the image `npm run build`
 * writes next to this module (`memory-template.sqlite`), used when it holds
 * exactly this build's migrations, else one made by migrating once in this
 * process. Every later store of the process opens a copy of the same image.
 */
import { readFile } from 'node:fs/promises';
import { Kysely } from 'kysely';
import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import type { Store } from './ports/store.js';
import { createKyselyStore } from './kysely-store.js';
import { migrateToLatest, storeMigrations } from './migrations/index.js';
import type { Database } from './schema.js';
import { SqlJsDialect } from './sqljs-dialect.js';

/** Where `npm run build` puts the migrated image (scripts/build-memory-template.mjs). */
export const MEMORY_TEMPLATE_FILE = 'memory-template.sqlite';

let sqlJs: Promise<SqlJsStatic> | undefined;
let template: Promise<Uint8Array> | undefined;

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

/**
 * One connection in WebAssembly memory: keep the rollback journal in memory, skip syncs,
 * and hold the file lock for good (no lock and change-counter work per transaction).
 */
function tune(raw: SqlJsDatabase): SqlJsDatabase {
  raw.run('PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA locking_mode = EXCLUSIVE;');
  return raw;
}

/** The names of the migrations recorded in `raw`, in order. */
function appliedMigrations(raw: SqlJsDatabase): string[] {
  const result = raw.exec('SELECT name FROM kysely_migration ORDER BY name');
  return (result[0]?.values ?? []).map((row) => String(row[0]));
}

/** The build's image when it holds exactly the migrations of this code; undefined otherwise. */
async function prebuiltTemplate(SQL: SqlJsStatic): Promise<Uint8Array | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(new URL(`./${MEMORY_TEMPLATE_FILE}`, import.meta.url));
  } catch {
    return undefined; // not built (tests run the sources): migrate instead
  }
  const probe = new SQL.Database(Uint8Array.from(bytes));
  try {
    const want = Object.keys(storeMigrations('sqlite')).sort();
    const have = appliedMigrations(probe);
    return have.length === want.length && have.every((name, i) => name === want[i]) ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    probe.close();
  }
}

/** A database with every migration applied, as an image (for the build's template and this process's). */
export async function migratedImage(): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const raw = tune(new SQL.Database());
  const db = new Kysely<Database>({ dialect: new SqlJsDialect(raw) });
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, 'sqlite');
    return raw.export();
  } finally {
    await db.destroy();
  }
}

function templateImage(SQL: SqlJsStatic): Promise<Uint8Array> {
  template ??= prebuiltTemplate(SQL)
    .then((bytes) => bytes ?? migratedImage())
    .catch((error: unknown) => {
      template = undefined;
      throw error;
    });
  return template;
}

/** A fresh, migrated, in-memory database as a `Store`. */
export async function createMemoryStore(): Promise<Store> {
  const SQL = await loadSqlJs();
  // A copy: sql.js may keep the array it is given as the database file and write into it.
  const raw = tune(new SQL.Database(Uint8Array.from(await templateImage(SQL))));
  const db = new Kysely<Database>({ dialect: new SqlJsDialect(raw) });
  return createKyselyStore(db);
}
