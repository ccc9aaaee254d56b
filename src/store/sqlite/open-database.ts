/**
 * Opens a SQLite database file with better-sqlite3 and the settings the store
 * relies on: WAL journal, a busy timeout, the chosen `synchronous` level and
 * foreign keys on. better-sqlite3 (a native module) is loaded on first use.
 */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { CaesiumError, errorText } from '../../errors.js';

/**
 * How hard SQLite flushes a commit. `full` (the default) syncs the WAL on every
 * commit, so a committed task completion survives power loss and OS crashes,
 * not only a killed process. `normal` survives a killed process but may lose
 * the last commits on power loss (never corrupting the file).
 */
export type SqliteSynchronous = 'full' | 'normal';

/** Where and how to open the file. */
export interface SqliteOpenOptions {
  /** The database file; its parent directory is created. */
  path: string;
  /** Default `full`. */
  synchronous?: SqliteSynchronous;
  /** How long a statement waits for another process's lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

/** The better-sqlite3 handle type. */
export type SqliteHandle = BetterSqlite3.Database;

let driver: Promise<typeof BetterSqlite3> | undefined;

function loadDriver(): Promise<typeof BetterSqlite3> {
  driver ??= import('better-sqlite3')
    .then((m) => m.default)
    .catch((error: unknown) => {
      driver = undefined; // let the next call try again
      throw error;
    });
  return driver;
}

/** Opens (creating when absent) the database file at `options.path`. */
export async function openSqliteFile(options: SqliteOpenOptions): Promise<SqliteHandle> {
  const Database = await loadDriver();
  const path = resolve(options.path);
  let db: SqliteHandle | undefined;
  try {
    // Owner-only when we create them: the rows hold job definitions, API key hashes and the audit log.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    if (!existsSync(path)) closeSync(openSync(path, 'wx', 0o600)); // SQLite gives its -wal and -shm files the same mode
    // The busy timeout comes first: switching to WAL takes a lock another process may hold.
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`the file does not support WAL (journal_mode is ${String(mode)})`);
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db?.close();
    const reason = errorText(error);
    throw new CaesiumError('E_STORE_OPEN', `cannot open the SQLite store at ${path}: ${reason}`, {
      hint: 'check CAESIUM_DATABASE_PATH: it must name a SQLite file (or a new one) in a writable directory on a local disk',
      exitCode: 2,
      cause: error,
    });
  }
}
