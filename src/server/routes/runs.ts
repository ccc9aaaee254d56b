/**
 * Runs (docs/decisions.md §11.4): a manual run (D7 overlapping runs, D8 trigger
 * `defaultParams` overlaid by the request's `params`), a job's runs (newest
 * first, paged: caesium returns pages instead of the original's full list)
 * and one run (its tasks paged on request: `task_limit`, `task_offset`).
 */
import type { Hono } from 'hono';
import { RUN_REQUEST_SCHEMA, type RunRequestJson } from '../../api/run.js';
import type { RunRecord } from '../../store/ports/store.js';
import type { AppDeps } from '../app-deps.js';
import { bodyValidator, paging, readJson, taskPaging, uuidParam } from '../body.js';
import { conflict, notFound } from '../http-error.js';
import type { JobView } from '../job-views.js';
import { oneRunJson, runsJson, startedRunJson } from '../run-info.js';

const checkRunRequest = bodyValidator<RunRequestJson>(RUN_REQUEST_SCHEMA);

/** Registers the run routes. */
export function runRoutes(app: Hono, deps: AppDeps): void {
  app.post('/v1/jobs/:id/run', async (c) => {
    const view = await deps.views.byId(uuidParam(c, 'id'));
    const body = await readJson(c);
    const request = body === undefined ? {} : checkRunRequest(body);
    if (view.entry.paused) throw conflict('job is paused');
    if (view.entry.retiredAt !== null) throw conflict('job is retired');
    const params = Object.fromEntries(Object.entries(request.params ?? {}).map(([k, v]) => [k, String(v)]));
    const run = await deps.launcher.start(view, params, undefined, request.priority);
    return c.json(await startedRunJson(deps, view, run), 202);
  });

  app.get('/v1/jobs/:id/runs', async (c) => {
    const view = await deps.views.byId(uuidParam(c, 'id'));
    const runs = await deps.store.catalog.runs(view.entry.alias, paging(c));
    return c.json(await runsJson(deps, view, runs));
  });

  app.get('/v1/jobs/:id/runs/:run_id', async (c) => {
    const { view, run } = await runOf(deps, uuidParam(c, 'id'), uuidParam(c, 'run_id'));
    const page = taskPaging(c);
    const json = await oneRunJson(deps, view, run);
    if (page === undefined) return c.json(json);
    // A page of the tasks; the header tells how many there are in all.
    c.header('x-caesium-task-count', String(json.tasks.length));
    return c.json({ ...json, tasks: json.tasks.slice(page.offset, page.offset + page.limit) });
  });
}

/** The job and one of its runs; 404 when either is unknown or the run belongs to another job. */
export async function runOf(deps: AppDeps, jobId: string, runId: string): Promise<{ view: JobView; run: RunRecord }> {
  const view = await deps.views.byId(jobId);
  const run = await deps.store.runs.get(runId);
  const version = run === undefined ? undefined : await deps.store.jobs.get(run.jobId);
  if (run === undefined || version?.alias !== view.entry.alias) throw notFound(`run ${runId} not found for job ${jobId}`);
  return { view, run };
}
