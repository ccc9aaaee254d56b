/**
 * SQLite has one connection per store, held by a transaction for as long as its
 * body runs. A body that used the store itself (not `tx`), or opened another
 * transaction, would wait for that connection forever. The guard tracks, per
 * async context, whether the code runs inside a transaction body, so such a
 * call rejects at once with a clear error instead of hanging the engine.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface Scope {
  /** True while this context's transaction holds the connection. */
  holding: boolean;
  /** Settles when the transaction's work is committed (group commit, see commit-group.ts). */
  durable?: Promise<void>;
}

/** The error of a store call made from inside a transaction body. */
export class NestedStoreUseError extends Error {
  constructor() {
    super('the store was used inside its own transaction: inside store.transaction(fn), use the `tx` given to fn');
    this.name = 'NestedStoreUseError';
  }
}

/** Tracks transaction bodies per async context. */
export class TransactionGuard {
  readonly #scopes = new AsyncLocalStorage<Scope>();

  /**
   * Runs `transaction` (which acquires the connection once) as a guarded
   * scope; resolves once its work is committed.
   */
  run<T>(transaction: () => Promise<T>): Promise<T> {
    if (this.#scopes.getStore()?.holding === true) return Promise.reject(new NestedStoreUseError());
    const scope: Scope = { holding: false };
    const settled = async (): Promise<T> => {
      const value = await transaction();
      await scope.durable;
      return value;
    };
    return this.#scopes.run(scope, settled).finally(() => {
      scope.holding = false;
    });
  }

  /** Whether the caller runs inside a guarded transaction (not a single statement or an unguarded transaction). */
  inTransaction(): boolean {
    return this.#scopes.getStore() !== undefined;
  }

  /** The transaction's work is in a commit group: its scope resolves once `durable` does. */
  committed(durable: Promise<void>): void {
    const scope = this.#scopes.getStore();
    if (scope !== undefined) scope.durable = durable;
  }

  /** Before taking the connection: throws when this context already holds it. */
  checkAcquire(): void {
    if (this.#scopes.getStore()?.holding === true) throw new NestedStoreUseError();
  }

  /** The connection was taken: in a guarded scope, that scope now holds it. */
  acquired(): void {
    const scope = this.#scopes.getStore();
    if (scope !== undefined) scope.holding = true;
  }

  /** The connection was given back. */
  released(): void {
    const scope = this.#scopes.getStore();
    if (scope !== undefined) scope.holding = false;
  }
}
