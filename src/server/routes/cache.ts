/**
 * `GET /v1/jobs/:id/cache` (docs/decisions.md §3.4): the task-cache entries of the
 * job's steps, across its versions (an entry's hash does not depend on the
 * version, so any of them can still answer a run), newest first.
 */
import type { Hono } from 'hono';
import type { CacheEntriesJson, CacheEntryJson } from '../../api/cache.js';
import type { CacheEntry } from '../../store/ports/store.js';
import type { AppDeps } from '../app-deps.js';
import { uuidParam } from '../body.js';

/** Registers the job cache route. */
export function cacheRoutes(app: Hono, deps: AppDeps): void {
  app.get('/v1/jobs/:id/cache', async (c) => {
    const view = await deps.views.byId(uuidParam(c, 'id'));
    const entries = await deps.store.cache.listByAlias(view.entry.alias);
    const body: CacheEntriesJson = { entries: entries.map(cacheEntryJson) };
    return c.json(body);
  });
}

function cacheEntryJson(e: CacheEntry): CacheEntryJson {
  return {
    hash: e.hash,
    task_name: e.taskName,
    result: e.result,
    run_id: e.runId,
    task_run_id: e.taskRunId,
    created_at: seconds(e.createdAt),
    ...(e.expiresAt === null ? {} : { expires_at: seconds(e.expiresAt) }),
  };
}

/** `YYYY-MM-DDTHH:MM:SSZ`, as the original writes these times (docs/decisions.md §3.4). */
function seconds(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
