/**
 * A store that "dies" on demand, as the database of a process killed with
 * SIGKILL: after `crash()` every query and transaction rejects (a transaction
 * in progress rolls back), while the underlying store keeps the rows exactly
 * as the last commit left them, for a second process to resume from.
 */
import type { RunStore, RunStoreQueries } from '../../../src/engine/ports/run-store.js';

export interface CrashableStore {
  /** The store to hand the first process. */
  store: RunStore;
  crash(): void;
}

export function crashable(inner: RunStore): CrashableStore {
  let dead = false;
  const check = (): void => {
    if (dead) throw new Error('the process crashed');
  };
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, key) {
        const value: unknown = Reflect.get(t, key);
        if (typeof value === 'function') {
          return (...args: unknown[]): unknown => {
            check();
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        }
        return typeof value === 'object' && value !== null ? guard(value) : value;
      },
    });
  const queries = (q: RunStoreQueries): RunStoreQueries => guard(q);
  const store: RunStore = {
    ...queries(inner), // every query family, guarded
    transaction: async (fn) => {
      check();
      return inner.transaction(async (tx) => {
        const result = await fn(queries(tx));
        check(); // a commit after the crash never lands
        return result;
      });
    },
    close: () => inner.close(),
  };
  return {
    store,
    crash: () => {
      dead = true;
    },
  };
}
