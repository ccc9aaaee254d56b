/**
 * The task cache of local runs: one SQLite file (better-sqlite3), by default
 * `.caesium/cache.db` beside the job files. Nothing touches the disk until the
 * first use; then the folder and the file are created, WAL is switched on and
 * the schema checked. Two `caesium dev` processes may share a file: WAL lets
 * readers run beside the writer, and a busy timeout makes writers take turns.
 * Every problem is a `CacheFileError` naming the file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { TaskCache, TaskCacheEntry } from '../../engine/ports/task-cache.js';
import { CacheFileError, describeFileError } from './file-cache-error.js';
import { migrateCacheFile } from './file-cache-schema.js';
import { cacheStatements, type CacheStatements } from './file-cache-statements.js';

/** How long a writer waits for another process's write to finish. */
const BUSY_TIMEOUT_MS = 10_000;

/** A file-backed `TaskCache` that must be closed. */
export interface FileTaskCache extends TaskCache {
  readonly path: string;
  /** Opens (creating when missing) and checks the file now; rejects with `CacheFileError`. */
  open(): Promise<void>;
  /** Deletes entries with `expiresAt <= now`; returns how many. */
  prune(now: string): Promise<number>;
  /** Closes the file (idempotent); a later use opens it again. */
  close(): void;
}

let driver: Promise<typeof BetterSqlite3> | undefined;

/** A task cache in the SQLite file at `path` (opened on first use). */
export function fileTaskCache(path: string): FileTaskCache {
  let opened: Promise<CacheStatements> | undefined;
  let db: BetterSqlite3.Database | undefined;

  const open = (): Promise<CacheStatements> => {
    opened ??= openFile(path).then(
      (r) => {
        db = r.db;
        return r.statements;
      },
      (error: unknown) => {
        opened = undefined; // a fixed file may be retried
        throw error;
      },
    );
    return opened;
  };
  const use = async <T>(fn: (s: CacheStatements) => T): Promise<T> => {
    const statements = await open();
    try {
      return fn(statements);
    } catch (error) {
      throw new CacheFileError(path, describeFileError(error), { cause: error });
    }
  };

  return {
    path,
    async open() {
      await open();
    },
    get: (hash, now) => use((s) => s.get(hash, now)),
    put: (entry: TaskCacheEntry) => use((s) => s.put(entry)),
    recent: (scope, taskName, now, limit) => use((s) => s.recent(scope.jobAlias, taskName, now, limit)),
    prune: (now) => use((s) => s.prune(now)),
    close() {
      const current = db;
      db = undefined;
      opened = undefined;
      if (current?.open === true) current.close();
    },
  };
}

async function openFile(path: string): Promise<{ db: BetterSqlite3.Database; statements: CacheStatements }> {
  driver ??= import('better-sqlite3').then((m) => m.default);
  const Database = await driver;
  let db: BetterSqlite3.Database | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const problem = migrateCacheFile(db);
    if (problem !== undefined) throw new CacheFileError(path, problem);
    return { db, statements: cacheStatements(db) };
  } catch (error) {
    db?.close();
    if (error instanceof CacheFileError) throw error;
    throw new CacheFileError(path, describeFileError(error), { cause: error });
  }
}
