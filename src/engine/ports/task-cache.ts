/**
 * The task cache port (docs/decisions.md §3.3): results of successful task
 * executions keyed by identity hash. Adapters: over a `Store`'s
 * `task_caches` table (server) and over a local SQLite file (`caesium dev`).
 * Times are ISO-8601 UTC strings, compared as text.
 */
import type { CacheEntry } from './store-records.js';

/** A cache entry with the alias of its job (job ids change per applied version; aliases do not). */
export interface TaskCacheEntry extends CacheEntry {
  jobAlias: string;
}

/** Which job's entries to look at. */
export interface TaskCacheScope {
  jobId: string;
  jobAlias: string;
}

export interface TaskCache {
  /** The entry with `hash` unless it expired (`expiresAt` at or before `now`). */
  get(hash: string, now: string): Promise<TaskCacheEntry | undefined>;
  /** Inserts the entry, or replaces the one with the same hash. */
  put(entry: TaskCacheEntry): Promise<void>;
  /**
   * Up to `limit` non-expired entries of one task of one job, newest first
   * (the value-verified short-circuit compares outputs against them).
   */
  recent(scope: TaskCacheScope, taskName: string, now: string, limit: number): Promise<TaskCacheEntry[]>;
}
