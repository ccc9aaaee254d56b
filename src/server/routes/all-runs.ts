/**
 * `GET /v1/runs`: the runs of every job, newest first, a page at a time (`limit`, `offset`), filtered by
 * `status`, `job` (alias), `trigger` (a trigger type, `manual` or `backfill`) and `since`/`until` (ISO times
 * bounding `started_at`); `X-Caesium-Run-Count` has how many runs match. The operator UI's runs page.
 */
import type { Hono } from 'hono';
import type { RunJson } from '../../api/run.js';
import type { AliasedRun, RunFilter } from '../../store/ports/catalog.js';
import type { AppDeps } from '../app-deps.js';
import { paging } from '../body.js';
import { badRequest } from '../http-error.js';
import { runsJson } from '../run-info.js';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

/** Registers the runs list. */
export function allRunsRoutes(app: Hono, deps: AppDeps): void {
  app.get('/v1/runs', async (c) => {
    const text = (name: string): string | undefined => {
      const value = c.req.query(name)?.trim();
      return value === undefined || value === '' ? undefined : value;
    };
    const filter: RunFilter = { ...paging(c, 50) };
    const status = text('status');
    if (status !== undefined && !STATUSES.includes(status))
      throw badRequest(`invalid status "${status}": use one of ${STATUSES.join(', ')}`);
    if (status !== undefined) filter.status = status;
    const job = text('job');
    if (job !== undefined) filter.alias = job;
    const trigger = text('trigger');
    if (trigger !== undefined) filter.trigger = trigger;
    for (const bound of ['since', 'until'] as const) {
      const value = text(bound);
      if (value === undefined) continue;
      const at = Date.parse(value);
      if (Number.isNaN(at)) throw badRequest(`invalid ${bound} "${value}": use an ISO 8601 time such as 2026-12-01T00:00:00Z`);
      filter[bound] = new Date(at).toISOString();
    }
    const { runs, total } = await deps.store.catalog.listRuns(filter);
    c.header('x-caesium-run-count', String(total));
    return c.json(await pageJson(deps, runs));
  });
}

/** The JSON of a page of runs of several jobs, in the page's order: one batch of queries per job. */
async function pageJson(deps: AppDeps, runs: readonly AliasedRun[]): Promise<RunJson[]> {
  const byAlias = new Map<string, AliasedRun[]>();
  for (const run of runs) byAlias.set(run.alias, [...(byAlias.get(run.alias) ?? []), run]);
  const json = new Map<string, RunJson>();
  for (const [alias, group] of byAlias) {
    const entry = await deps.store.catalog.byAlias(alias);
    if (entry === undefined) continue;
    const view = await deps.views.view(entry).catch(() => undefined);
    if (view === undefined) continue;
    for (const one of await runsJson(deps, view, group)) json.set(one.id, one);
  }
  return runs.flatMap((run) => json.get(run.id) ?? []);
}
