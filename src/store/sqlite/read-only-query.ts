/**
 * Reading a SQLite file for the database console (docs/operator-consoles.md)
 * on a connection of its own that cannot write: opened read-only, with
 * `query_only` on, and a statement is refused unless SQLite itself reports it
 * read-only and returning rows. Rows are read one at a time up to the limit,
 * so a query that would produce endless rows stops at the limit.
 */
import BetterSqlite3 from 'better-sqlite3';

export interface ColumnJson {
  name: string;
  data_type: string;
}

export interface QueryRows {
  columns: ColumnJson[];
  /** Cells: numbers (integers beyond 2^53 as text), text, null; blobs as UTF-8 text, or `\x<hex>` when not UTF-8. */
  rows: unknown[][];
  truncated: boolean;
}

export interface SchemaTableJson {
  name: string;
  columns: { name: string; data_type: string; nullable: boolean; primary_key: boolean; default_value?: string }[];
}

/** A failure the console reports to its user as a 400 (the statement's fault, not the server's). */
export class QueryRefused extends Error {
  override readonly name = 'QueryRefused';
}

/** Most bytes of row data one answer carries; the rows after it are left out (`truncated`). */
const MAX_ANSWER_BYTES = 8_000_000;

/** Opens `path` read-only (the file must exist) with `query_only` on. */
export function openReadOnly(path: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  db.pragma('query_only = ON');
  return db;
}

/** Runs one statement; `QueryRefused` when SQLite says it would write or returns no rows, or SQLite rejects it. */
export function readRows(db: BetterSqlite3.Database, sql: string, limit: number): QueryRows {
  let statement: BetterSqlite3.Statement;
  try {
    statement = db.prepare(sql);
  } catch (error) {
    throw new QueryRefused(error instanceof Error ? error.message : String(error));
  }
  if (!statement.readonly) throw new QueryRefused('only read-only SQL statements are allowed: SQLite reports that this statement writes');
  if (!statement.reader) throw new QueryRefused('only statements that return rows are allowed');
  statement.raw(true).safeIntegers(true);
  const columns = statement.columns().map((c) => ({ name: c.name, data_type: c.type ?? '' }));
  const rows: unknown[][] = [];
  let bytes = 0;
  let truncated = false;
  try {
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      const cells = row.map(cell);
      bytes += JSON.stringify(cells).length;
      if (rows.length === limit || bytes > MAX_ANSWER_BYTES) {
        truncated = true;
        break;
      }
      rows.push(cells);
    }
  } catch (error) {
    throw new QueryRefused(error instanceof Error ? error.message : String(error));
  }
  return { columns, rows, truncated };
}

/** The tables (not SQLite's own) with their columns, by name. */
export function readSchema(db: BetterSqlite3.Database): { version: string; tables: SchemaTableJson[] } {
  const version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    name: string;
  }[];
  const info = db.prepare('SELECT name, type, "notnull" AS nn, dflt_value AS dflt, pk FROM pragma_table_info(?) ORDER BY cid');
  const tables = names.map(({ name }) => ({
    name,
    columns: (info.all(name) as { name: string; type: string; nn: number; dflt: string | null; pk: number }[]).map((c) => ({
      name: c.name,
      data_type: c.type,
      nullable: c.nn === 0 && c.pk === 0,
      primary_key: c.pk > 0,
      ...(c.dflt === null ? {} : { default_value: c.dflt }),
    })),
  }));
  return { version, tables };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function cell(value: unknown): unknown {
  if (typeof value === 'bigint')
    return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : String(value);
  if (value instanceof Uint8Array) {
    try {
      return utf8.decode(value);
    } catch {
      return `\\x${Buffer.from(value).toString('hex')}`;
    }
  }
  return value;
}
