/**
 * The schema of a task cache file: the `task_caches` columns of docs/decisions.md
 * §3.4 plus `job_alias` (local runs get a new job id every run; the alias is
 * what stays). The file is marked with an SQLite `application_id`, so a
 * database of anything else is refused instead of being written into.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** `application_id` of a caesium task cache file ("CsTC"). */
const CACHE_APPLICATION_ID = 0x43735443;
/** `user_version` of the schema this code writes. */
const CACHE_SCHEMA_VERSION = 1;

const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS task_caches (
  hash TEXT PRIMARY KEY,
  job_id TEXT NOT NULL,
  job_alias TEXT NOT NULL,
  task_name TEXT NOT NULL,
  result TEXT NOT NULL,
  output TEXT NOT NULL,
  branch_selections TEXT NOT NULL,
  run_id TEXT NOT NULL,
  task_run_id TEXT NOT NULL,
  resolved_image_digest TEXT,
  hash_input_blob TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT
);
CREATE INDEX IF NOT EXISTS idx_task_cache_job ON task_caches (job_id);
CREATE INDEX IF NOT EXISTS idx_task_cache_task ON task_caches (job_alias, task_name, created_at);
CREATE INDEX IF NOT EXISTS idx_task_cache_expires ON task_caches (expires_at);
`;

/**
 * Creates the schema in a fresh file or checks an existing one, in one
 * immediate transaction (two processes opening a new file at once take turns).
 * Returns a problem in words, or undefined when the file is usable.
 */
export function migrateCacheFile(db: BetterSqlite3.Database): string | undefined {
  const run = db.transaction((): string | undefined => {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId === 0) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (tables.n > 0) return 'is an SQLite database of something else (not a caesium task cache)';
      db.exec(SCHEMA_V1);
      db.pragma(`application_id = ${CACHE_APPLICATION_ID}`);
      db.pragma(`user_version = ${CACHE_SCHEMA_VERSION}`);
      return undefined;
    }
    if (appId !== CACHE_APPLICATION_ID) return 'is an SQLite database of something else (not a caesium task cache)';
    if (version > CACHE_SCHEMA_VERSION) return `was written by a newer caesium (schema ${version}; this one reads ${CACHE_SCHEMA_VERSION})`;
    return undefined;
  });
  return run.immediate();
}
