/**
 * The database console (docs/operator-consoles.md), registered only when
 * `CAESIUM_DATABASE_CONSOLE_ENABLED=true`: `GET /v1/database/schema` and
 * `POST /v1/database/query` `{sql, limit?}`, read-only by construction. The
 * SQL text is checked first (read-only-sql.ts); what passes runs in a
 * separate process on a read-only connection with `query_only` on, refused
 * unless SQLite itself reports the statement read-only, with a row limit
 * (default 200, at most 1000) and a time limit.
 */
import type { Hono } from 'hono';
import { readJson } from '../body.js';
import { badRequest, HttpError } from '../http-error.js';
import { checkReadOnlySql } from '../database/read-only-sql.js';
import { runQueryProcess } from '../database/query-process.js';
import { openReadOnly, readSchema } from '../../store/sqlite/read-only-query.js';

/** Where the console reads and how long a query may take. */
export interface DatabaseConsole {
  /** The SQLite file of the store. */
  path: string;
  timeoutMs: number;
}

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;

/** Registers the database console's routes over `console.path`. */
export function databaseConsoleRoutes(app: Hono, console: DatabaseConsole): void {
  app.get('/v1/database/schema', (c) => {
    const db = openReadOnly(console.path);
    try {
      return c.json({ dialect: 'sqlite', read_only: true, ...readSchema(db) });
    } finally {
      db.close();
    }
  });
  app.post('/v1/database/query', async (c) => {
    const { sql, limit } = payload(await readJson(c));
    const check = checkReadOnlySql(sql);
    if (!check.ok) throw badRequest(check.message);
    const began = performance.now();
    const answer = await runQueryProcess({ path: console.path, sql: check.sql, limit, timeoutMs: console.timeoutMs });
    const durationMs = Math.round((performance.now() - began) * 100) / 100;
    if ('timedOut' in answer) {
      throw new HttpError(
        422,
        `query stopped: it ran longer than the console's time limit of ${console.timeoutMs / 1000}s (CAESIUM_DATABASE_CONSOLE_TIMEOUT)`,
      );
    }
    if (!answer.ok) {
      if (answer.refused) throw badRequest(`failed to execute query: ${answer.message}`);
      throw new Error(`database console: ${answer.message}`);
    }
    return c.json({
      dialect: 'sqlite',
      read_only: true,
      statement_type: check.statementType,
      query: check.sql,
      limit,
      duration_ms: durationMs,
      row_count: answer.rows.length,
      truncated: answer.truncated,
      columns: answer.columns,
      rows: answer.rows,
    });
  });
}

function payload(body: unknown): { sql: string; limit: number } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('invalid query payload: send {"sql": "…", "limit": 200}');
  const { sql, limit } = body as { sql?: unknown; limit?: unknown };
  if (sql !== undefined && typeof sql !== 'string') throw badRequest('invalid query payload: sql must be a string');
  if (limit !== undefined && !Number.isInteger(limit)) throw badRequest('invalid query payload: limit must be a whole number');
  if (sql === undefined || sql.trim() === '') throw badRequest('query is required');
  const n = (limit as number | undefined) ?? 0;
  return { sql, limit: n <= 0 ? DEFAULT_LIMIT : Math.min(n, MAX_LIMIT) };
}
