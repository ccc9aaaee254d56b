/** The `pg` pool of the PostgreSQL store: numbers come back as numbers, an optional schema is the search path. */
import pg from 'pg';
import { CaesiumError } from '../../errors.js';
import { pgConnectionOf } from './dsn.js';

/** Type OIDs whose text form we read as JavaScript numbers (our values stay far below 2^53). */
const INT8 = 20;
const NUMERIC = 1700;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

/** What a pool connects to. */
export interface PgPoolOptions {
  /** A connection URI (`postgres://user:password@host:5432/db`) or libpq `key=value` pairs. */
  dsn: string;
  /** A schema to keep every table in (created when absent); the user's default search path when unset. */
  schema?: string;
  /** Connections the pool may open (default 10). */
  maxConnections?: number;
}

/** A schema name we put in a connection option unquoted: letters, digits and `_` only. */
function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new CaesiumError('E_STORE_OPEN', `the PostgreSQL schema name "${schema}" is not a plain lower-case identifier`, {
      hint: 'use lower-case letters, digits and _ (at most 63), starting with a letter or _',
      exitCode: 2,
    });
  }
  return schema;
}

/** A pool of connections (none opened yet); errors of idle connections are swallowed so a restart of the database does not crash the process. */
export function createPgPool(options: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    ...pgConnectionOf(options.dsn),
    max: options.maxConnections ?? 10,
    types,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${checkSchemaName(options.schema)}` }),
  });
  // An idle connection the server closed: the pool drops it and opens a new one on next use.
  pool.on('error', () => undefined);
  return pool;
}
