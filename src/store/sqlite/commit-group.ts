/**
 * Group commit for the SQLite file store. Transactions of one store run one
 * after another on one connection; with `synchronous = FULL` each COMMIT
 * syncs the WAL (milliseconds, with the event loop blocked). Transactions
 * that queue up behind each other instead share one SQLite transaction: each
 * runs in its own savepoint (a failing one rolls back alone), and the group
 * ends with one COMMIT when no transaction is waiting, when a use outside a
 * transaction needs the connection, or after `MAX_GROUP_MEMBERS` members.
 *
 * Durability is unchanged: a member's `store.transaction` resolves only once
 * the COMMIT that contains it has returned; when that COMMIT fails, every
 * member of the group rejects with its error.
 */
import { CompiledQuery, type DatabaseConnection } from 'kysely';

/** Members per group at most: bounds how long the first one waits for its commit. */
const MAX_GROUP_MEMBERS = 32;

const MEMBER = 'caesium_member';

interface Member {
  resolve(): void;
  reject(error: unknown): void;
}

async function exec(connection: DatabaseConnection, sql: string): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw(sql));
}

/** The SQLite transaction shared by queued store transactions. */
export class CommitGroup {
  #open = false;
  /** Members whose work is in the open transaction, waiting for its COMMIT. */
  #members: Member[] = [];

  /** Whether a SQLite transaction is open with members' work in it. */
  get open(): boolean {
    return this.#open;
  }

  /** Begins a member: opens the SQLite transaction (`BEGIN IMMEDIATE`) when none is open, then its savepoint. */
  async begin(connection: DatabaseConnection): Promise<void> {
    if (!this.#open) {
      await exec(connection, 'begin immediate');
      this.#open = true;
    }
    try {
      await exec(connection, `savepoint ${MEMBER}`);
    } catch (error) {
      await this.#abort(connection, error);
      throw error;
    }
  }

  /**
   * Keeps a member's work in the group; `durable` settles with the group's
   * COMMIT (it is already marked handled: a caller that stopped listening
   * leaves no unhandled rejection).
   */
  async release(connection: DatabaseConnection): Promise<{ durable: Promise<void> }> {
    try {
      await exec(connection, `release ${MEMBER}`);
    } catch (error) {
      await this.#abort(connection, error);
      throw error;
    }
    const durable = new Promise<void>((resolve, reject) => this.#members.push({ resolve, reject }));
    durable.catch(() => undefined);
    if (this.#members.length >= MAX_GROUP_MEMBERS) await this.commit(connection);
    return { durable };
  }

  /** Rolls a member's work back; the members before it keep theirs. */
  async rollback(connection: DatabaseConnection): Promise<void> {
    try {
      await exec(connection, `rollback to ${MEMBER}`);
      await exec(connection, `release ${MEMBER}`);
    } catch (error) {
      // SQLite already rolled the whole transaction back (an I/O error, a full disk): the group is lost.
      await this.#abort(connection, error);
      return;
    }
    if (this.#members.length === 0) {
      this.#open = false;
      await exec(connection, 'rollback').catch(() => undefined);
    }
  }

  /** Ends the group with one COMMIT and settles its members; never throws. */
  async commit(connection: DatabaseConnection): Promise<void> {
    if (!this.#open) return;
    const members = this.#members;
    this.#members = [];
    this.#open = false;
    try {
      await exec(connection, 'commit');
    } catch (error) {
      await exec(connection, 'rollback').catch(() => undefined);
      for (const m of members) m.reject(error);
      return;
    }
    for (const m of members) m.resolve();
  }

  /** The open transaction is unusable: roll it back and fail every member in it. */
  async #abort(connection: DatabaseConnection, error: unknown): Promise<void> {
    const members = this.#members;
    this.#members = [];
    this.#open = false;
    await exec(connection, 'rollback').catch(() => undefined);
    for (const m of members) m.reject(error);
  }
}
