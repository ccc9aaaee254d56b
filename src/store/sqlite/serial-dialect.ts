/**
 * Kysely's SqliteDialect with a driver that (1) hands its one connection out in
 * strict arrival order through our FIFO `Mutex`, so concurrent transactions from
 * async engine code queue and never interleave; (2) begins transactions with
 * `BEGIN IMMEDIATE`, taking the file's write lock up front so another process
 * waits on the busy timeout instead of failing on a lock upgrade; (3) refuses
 * re-entrant use from a transaction body (see `TransactionGuard`); (4) lets the
 * store's transactions that queue behind each other share one COMMIT
 * (`CommitGroup`; each still resolves only once committed); and (5) on
 * destroy waits for the holder, commits, checkpoints the WAL, then closes.
 *
 * Its adapter declares SQLite's DDL transactional (Kysely's says no), so the
 * Migrator reads the applied migrations and applies the rest in one
 * `BEGIN IMMEDIATE` transaction: processes opening a file at once apply each
 * migration exactly once, and a crash mid-migration leaves nothing half-made.
 */
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryCompiler,
  type SqliteDialectConfig,
} from 'kysely';
import { Mutex } from '../mutex.js';
import { CommitGroup } from './commit-group.js';
import type { TransactionGuard } from './transaction-guard.js';

/** SqliteDialect whose driver serialises, begins immediately and checkpoints on close. */
export class SerialSqliteDialect extends SqliteDialect {
  readonly #guard: TransactionGuard;
  constructor(config: SqliteDialectConfig, guard: TransactionGuard) {
    super(config);
    this.#guard = guard;
  }
  override createDriver(): Driver {
    return new SerialDriver(super.createDriver(), this.#guard);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}

/** SQLite runs CREATE/ALTER/DROP inside transactions; the Migrator should use one. */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

type CompileQuery = QueryCompiler['compileQuery'];

class SerialDriver implements Driver {
  readonly #inner: Driver;
  readonly #guard: TransactionGuard;
  readonly #mutex = new Mutex();
  readonly #group = new CommitGroup();
  /** Whether the current holder's transaction is a commit-group member (a guarded store transaction). */
  #grouped = false;
  #flushScheduled = false;
  #closed = false;

  constructor(inner: Driver, guard: TransactionGuard) {
    this.#inner = inner;
    this.#guard = guard;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#guard.checkAcquire();
    await this.#mutex.lock();
    try {
      if (this.#closed) throw new Error('the store is closed');
      const connection = await this.#inner.acquireConnection();
      // A use outside the store's transactions sees (and may write) only committed work.
      if (this.#group.open && !this.#guard.inTransaction()) await this.#group.commit(connection);
      this.#guard.acquired();
      return connection;
    } catch (error) {
      this.#mutex.unlock();
      throw error;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#guard.released();
    try {
      await this.#inner.releaseConnection(connection);
    } finally {
      this.#mutex.unlock();
      if (this.#group.open) this.#scheduleFlush();
    }
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    this.#grouped = this.#guard.inTransaction();
    if (this.#grouped) await this.#group.begin(connection);
    else await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#grouped) return this.#inner.commitTransaction(connection);
    const { durable } = await this.#group.release(connection);
    this.#guard.committed(durable);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#grouped ? this.#group.rollback(connection) : this.#inner.rollbackTransaction(connection);
  }

  /**
   * Commits the open group once the transactions queued by now (microtasks
   * included) have joined it: `setImmediate` runs after them, and the lock is
   * taken behind them.
   */
  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    await this.#mutex.lock();
    try {
      if (!this.#group.open || this.#closed) return;
      const connection = await this.#inner.acquireConnection();
      try {
        await this.#group.commit(connection);
      } finally {
        await this.#inner.releaseConnection(connection);
      }
    } catch {
      // commit() settles the members with any failure; acquiring the one connection does not fail
    } finally {
      this.#mutex.unlock();
    }
  }
  async savepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    await this.#inner.savepoint?.(connection, name, compile);
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    await this.#inner.rollbackToSavepoint?.(connection, name, compile);
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    await this.#inner.releaseSavepoint?.(connection, name, compile);
  }

  /**
   * Waits for the holders queued before it, folds the WAL back into the file and
   * closes it; callers queued after it are refused.
   */
  async destroy(): Promise<void> {
    await this.#mutex.lock();
    try {
      const connection = await this.#inner.acquireConnection();
      try {
        await this.#group.commit(connection);
        await connection.executeQuery(CompiledQuery.raw('pragma wal_checkpoint(TRUNCATE)'));
      } finally {
        await this.#inner.releaseConnection(connection);
      }
    } finally {
      this.#closed = true;
      try {
        await this.#inner.destroy();
      } finally {
        this.#mutex.unlock();
      }
    }
  }
}
