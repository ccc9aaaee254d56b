/**
 * Kysely's SqliteDialect prepares every query afresh; the engine sends the same
 * few dozen statements thousands of times. This wraps a better-sqlite3 handle
 * so prepared statements are kept (least recently used ones are dropped).
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type { SqliteHandle } from './open-database.js';

/** How many distinct statements stay prepared. */
const STATEMENT_CACHE_SIZE = 256;

/** `db` as Kysely's `SqliteDatabase`, with prepared statements cached by SQL text. */
export function withStatementCache(db: SqliteHandle, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached !== undefined) {
        statements.delete(sql); // keep the map in LRU order: most recent last
        statements.set(sql, cached);
        return cached;
      }
      const stmt = db.prepare(sql);
      statements.set(sql, stmt);
      // A dropped statement needs no freeing: better-sqlite3 finalises it when collected.
      if (statements.size > size) statements.delete(statements.keys().next().value as string);
      return stmt;
    },
    close(): void {
      statements.clear();
      db.close();
    },
  };
}
