/**
 * A Kysely dialect over a sql.js `Database` (in-memory SQLite compiled to
 * WebAssembly). Kysely's own SqliteDialect expects better-sqlite3's API; this
 * driver adapts sql.js instead: one connection, a FIFO mutex so transactions
 * serialise, and prepared statements cached by SQL text.
 */
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { Database, SqlValue, Statement } from 'sql.js';
import { Mutex } from './mutex.js';
import { asError } from '../errors.js';

/** How many distinct statements stay prepared. */
const STATEMENT_CACHE_SIZE = 256;

/** Kysely dialect for a sql.js database. */
export class SqlJsDialect implements Dialect {
  readonly #db: Database;
  constructor(db: Database) {
    this.#db = db;
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new SqlJsDriver(this.#db);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class SqlJsDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #connection: SqlJsConnection;
  constructor(db: Database) {
    this.#connection = new SqlJsConnection(db);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  releaseConnection(): Promise<void> {
    this.#mutex.unlock();
    return Promise.resolve();
  }
  destroy(): Promise<void> {
    this.#connection.close();
    return Promise.resolve();
  }
}

class SqlJsConnection implements DatabaseConnection {
  readonly #db: Database;
  readonly #statements = new Map<string, Statement>();
  constructor(db: Database) {
    this.#db = db;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return Promise.resolve(this.#run<R>(compiled));
    } catch (error) {
      return Promise.reject(asError(error));
    }
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the sql.js driver does not stream queries');
  }

  close(): void {
    for (const stmt of this.#statements.values()) stmt.free();
    this.#statements.clear();
    this.#db.close();
  }

  #run<R>(compiled: CompiledQuery): QueryResult<R> {
    const stmt = this.#prepare(compiled.sql);
    try {
      stmt.bind(compiled.parameters.map(toSqlValue));
      const rows: R[] = [];
      let columns: string[] | undefined;
      while (stmt.step()) {
        columns ??= stmt.getColumnNames();
        const values = stmt.get();
        const row: Record<string, SqlValue> = {};
        for (let i = 0; i < columns.length; i++) row[columns[i] as string] = values[i] ?? null;
        rows.push(row as R);
      }
      return { rows, numAffectedRows: BigInt(this.#db.getRowsModified()) };
    } finally {
      stmt.reset();
    }
  }

  #prepare(sql: string): Statement {
    const cached = this.#statements.get(sql);
    if (cached !== undefined) {
      // Keep recently used statements at the end of the map (LRU order).
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const stmt = this.#db.prepare(sql);
    this.#statements.set(sql, stmt);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      const oldest = this.#statements.keys().next().value as string;
      this.#statements.get(oldest)?.free();
      this.#statements.delete(oldest);
    }
    return stmt;
  }
}

function toSqlValue(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || value instanceof Uint8Array) return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}
