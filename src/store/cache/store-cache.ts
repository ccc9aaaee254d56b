/**
 * The task cache over a `RunStore`'s `task_caches` table, for
 * the server and for anything that keeps its runs in one store (the harness).
 * Entries are scoped by job id there, so `recent` sees only the same job version.
 */
import type { RunStoreQueries } from '../../engine/ports/run-store.js';
import type { TaskCache, TaskCacheEntry } from '../../engine/ports/task-cache.js';
import type { CacheEntry } from '../../engine/ports/store-records.js';

/** A `TaskCache` whose entries live in `store` (outside any run transaction). */
export function storeTaskCache(store: Pick<RunStoreQueries, 'cache' | 'jobs'>): TaskCache {
  const aliases = new Map<string, string>();
  const withAlias = async (entry: CacheEntry): Promise<TaskCacheEntry> => {
    let alias = aliases.get(entry.jobId);
    if (alias === undefined) {
      alias = (await store.jobs.get(entry.jobId))?.alias ?? '';
      aliases.set(entry.jobId, alias);
    }
    return { ...entry, jobAlias: alias };
  };
  return {
    async get(hash, now) {
      const entry = await store.cache.get(hash, now);
      return entry === undefined ? undefined : withAlias(entry);
    },
    async put(entry) {
      const { jobAlias, ...row } = entry;
      aliases.set(row.jobId, jobAlias);
      await store.cache.put(row);
    },
    async recent(scope, taskName, now, limit) {
      aliases.set(scope.jobId, scope.jobAlias);
      const entries = await store.cache.listByJob(scope.jobId);
      return entries
        .filter((e) => e.taskName === taskName && (e.expiresAt === null || e.expiresAt > now))
        .slice(0, Math.max(0, limit))
        .map((e) => ({ ...e, jobAlias: scope.jobAlias }));
    },
  };
}
