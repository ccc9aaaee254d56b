/**
 * The store of one server (docs/decisions.md D19): a SQLite file through better-sqlite3 and
 * Kysely's SqliteDialect, in WAL mode with foreign keys on. The same schema,
 * migrations and queries as the memory store; a restart resumes from the rows.
 */
import { resolve } from 'node:path';
import { Kysely } from 'kysely';
import { CaesiumError } from '../errors.js';
import type { Store } from './ports/store.js';
import { createKyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema.js';
import { openSqliteFile, type SqliteOpenOptions } from './sqlite/open-database.js';
import { SerialSqliteDialect } from './sqlite/serial-dialect.js';
import { withStatementCache } from './sqlite/statement-cache.js';
import { TransactionGuard } from './sqlite/transaction-guard.js';

export type { SqliteSynchronous } from './sqlite/open-database.js';
export { NestedStoreUseError } from './sqlite/transaction-guard.js';

/** Where a server keeps its database when `CAESIUM_DATABASE_PATH` is unset (docs/decisions.md D19). */
export const DEFAULT_SQLITE_PATH = './.caesium/caesium.db';

/** Options of `createSqliteFileStore`; the caller resolves `path` (e.g. from `CAESIUM_DATABASE_PATH`). */
export type SqliteFileStoreOptions = SqliteOpenOptions;

/**
 * Opens (creating it and its directory when absent) the database file at
 * `options.path`, brings it to the latest schema and returns it as a `Store`.
 *
 * Migrations run in a `BEGIN IMMEDIATE` transaction that first reads which are
 * applied, so processes opening the same file at once apply each migration
 * exactly once. Transactions of one store run one at a time, in call order;
 * using the store (instead of `tx`) inside a transaction body rejects with
 * `NestedStoreUseError`. `close()` waits for queued work, checkpoints the WAL
 * and releases the file; it is idempotent.
 *
 * better-sqlite3 is synchronous: while another process holds the write lock a
 * statement blocks the event loop for up to `busyTimeoutMs`. For the same
 * reason a file may be open once per process (a second store on it would wait
 * on the first while blocking the loop the first needs): opening it again
 * before `close()` fails with `E_STORE_OPEN`.
 */
export async function createSqliteFileStore(options: SqliteFileStoreOptions): Promise<Store> {
  const path = resolve(options.path);
  if (openPaths.has(path)) {
    throw new CaesiumError('E_STORE_OPEN', `the SQLite store at ${path} is already open in this process`, {
      hint: 'share one store per database file, and close it before opening the file again',
      exitCode: 2,
    });
  }
  openPaths.add(path);
  try {
    const store = await open({ ...options, path });
    let closed: Promise<void> | undefined;
    const close = (): Promise<void> => (closed ??= store.close().finally(() => openPaths.delete(path)));
    return { ...store, close };
  } catch (error) {
    openPaths.delete(path);
    throw error;
  }
}

/** Files this process has open as stores (resolved paths). */
const openPaths = new Set<string>();

async function open(options: SqliteFileStoreOptions): Promise<Store> {
  const handle = await openSqliteFile(options);
  const guard = new TransactionGuard();
  const db = new Kysely<Database>({ dialect: new SerialSqliteDialect({ database: withStatementCache(handle) }, guard) });
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const store = createKyselyStore(db);
  return { ...store, transaction: (fn) => guard.run(() => store.transaction(fn)) };
}
