/** A `TaskCache` test double of our own: entries in a map, every call recorded, failures on demand. */
import type { TaskCache, TaskCacheEntry, TaskCacheScope } from '../../src/engine/ports/task-cache.js';

export class MemoryTaskCache implements TaskCache {
  readonly entries = new Map<string, TaskCacheEntry>();
  readonly gets: string[] = [];
  readonly puts: TaskCacheEntry[] = [];
  /** Set to make every call reject with it. */
  failWith: Error | undefined;

  get(hash: string, now: string): Promise<TaskCacheEntry | undefined> {
    this.gets.push(hash);
    if (this.failWith !== undefined) return Promise.reject(this.failWith);
    const e = this.entries.get(hash);
    return Promise.resolve(e !== undefined && (e.expiresAt === null || e.expiresAt > now) ? e : undefined);
  }

  put(entry: TaskCacheEntry): Promise<void> {
    if (this.failWith !== undefined) return Promise.reject(this.failWith);
    this.puts.push(entry);
    this.entries.set(entry.hash, entry);
    return Promise.resolve();
  }

  recent(scope: TaskCacheScope, taskName: string, now: string, limit: number): Promise<TaskCacheEntry[]> {
    if (this.failWith !== undefined) return Promise.reject(this.failWith);
    const found = [...this.entries.values()]
      .filter((e) => e.jobAlias === scope.jobAlias && e.taskName === taskName && (e.expiresAt === null || e.expiresAt > now))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    return Promise.resolve(found.slice(0, limit));
  }
}
