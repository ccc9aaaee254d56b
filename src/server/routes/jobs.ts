/**
 * Jobs (docs/decisions.md §11.4): list, one job, its tasks and DAG, pause/unpause.
 * Job ids are the catalog's stable ids; `GET /v1/jobs/:id` also takes a
 * unique id prefix. `GET /v1/jobs?alias=` is a caesium addition.
 */
import type { Hono } from 'hono';
import type { JobDetailJson, JobListEntryJson, LastRunJson, LatestRunJson } from '../../api/job.js';
import type { AliasedRun } from '../../store/ports/store.js';
import type { AppDeps } from '../app-deps.js';
import { isUuid, paging, uuidParam } from '../body.js';
import { badRequest, notFound } from '../http-error.js';
import { orderByParam } from '../order-by.js';
import { JOB_SORT_COLUMNS } from '../../store/ports/inventory.js';
import { oneRunJson } from '../run-info.js';
import { setFields } from '../views/set-fields.js';
import { dagJson, jobJson, taskJson, triggerJson } from '../views/job-json.js';
import { versionJson } from '../views/version-json.js';
import { nextFireAt } from '../views/next-fire.js';
import { stringify } from 'yaml';
import type { JobDefinitionJson } from '../../api/job.js';

const LAST_RUNS = 10;

/** Registers the job routes. */
export function jobRoutes(app: Hono, deps: AppDeps): void {
  app.get('/v1/jobs', async (c) => {
    const alias = c.req.query('alias');
    const triggerId = c.req.query('trigger_id')?.trim();
    if (triggerId !== undefined && triggerId !== '' && !isUuid(triggerId))
      throw badRequest(`invalid trigger_id: "${triggerId}" is not a UUID`);
    const entries = await deps.store.catalog.list({
      ...paging(c),
      orderBy: orderByParam(c, JOB_SORT_COLUMNS),
      ...(alias === undefined ? {} : { alias }),
      ...(triggerId === undefined || triggerId === '' ? {} : { triggerId: triggerId.toLowerCase() }),
    });
    const recent = await deps.store.catalog.recentRuns(
      entries.map((e) => e.alias),
      LAST_RUNS,
    );
    const byAlias = new Map<string, AliasedRun[]>();
    for (const run of recent) byAlias.set(run.alias, [...(byAlias.get(run.alias) ?? []), run]);
    const out: JobListEntryJson[] = [];
    for (const entry of entries) {
      const view = await deps.views.view(entry).catch(() => undefined);
      if (view === undefined) continue;
      const runs = byAlias.get(entry.alias) ?? [];
      const latest = runs[0];
      out.push({
        ...jobJson(view),
        last_runs: runs.slice().reverse().map(lastRun),
        ...(latest === undefined ? {} : { latest_run: latestRun(latest, entry.id) }),
        ...setFields({ next_fire_at: nextFireAt(view, deps.now()) }),
      });
    }
    return c.json(out);
  });

  app.get('/v1/jobs/:id/versions', async (c) => {
    const view = await deps.views.byIdOrPrefix(c.req.param('id'));
    const versions = await deps.store.retention.versions(view.entry.id);
    return c.json(versions.map(versionJson));
  });
  app.get('/v1/jobs/:id', async (c) => {
    const view = await deps.views.byIdOrPrefix(c.req.param('id'));
    const [trigger, latest] = await Promise.all([
      deps.store.catalog.trigger(view.version.id),
      deps.store.catalog.runs(view.entry.alias, { limit: 1, offset: 0 }),
    ]);
    const body: JobDetailJson = {
      ...jobJson(view),
      ...(trigger === undefined ? {} : { trigger_id: trigger.id, trigger: triggerJson(view, trigger) }),
      ...(latest[0] === undefined ? {} : { latest_run: await oneRunJson(deps, view, latest[0]) }),
    };
    return c.json(body);
  });

  app.get('/v1/jobs/:id/definition', async (c) => {
    const view = await deps.views.byId(uuidParam(c, 'id'));
    const body: JobDefinitionJson = {
      job_id: view.entry.id,
      version: view.version.version,
      content_hash: view.version.contentHash,
      definition: view.version.definition,
      yaml: stringify(view.version.definition, { lineWidth: 0 }),
    };
    return c.json(body);
  });

  app.get('/v1/jobs/:id/tasks', async (c) => {
    const view = await deps.views.byId(uuidParam(c, 'id'));
    const tasks = await deps.store.jobs.tasks(view.version.id);
    return c.json(tasks.map((t) => taskJson(view, t)));
  });

  app.get('/v1/jobs/:id/dag', async (c) => {
    const view = await deps.views.byId(uuidParam(c, 'id'));
    const [tasks, edges] = await Promise.all([deps.store.jobs.tasks(view.version.id), deps.store.jobs.edges(view.version.id)]);
    return c.json(dagJson(view, tasks, edges));
  });

  for (const action of ['pause', 'unpause'] as const) {
    app.put(`/v1/jobs/:id/${action}`, async (c) => {
      const id = uuidParam(c, 'id');
      const paused = action === 'pause';
      const now = new Date(deps.now()).toISOString();
      // The change and its event (`job_paused`/`job_unpaused`, docs/run-control.md) commit together; the bus hears it after.
      const { entry, events } = await deps.store.transaction(async (tx) => {
        const changed = await tx.catalog.setPaused(id, paused, now);
        if (changed === undefined) return { entry: undefined, events: [] };
        const event = { id: changed.id, alias: changed.alias, paused };
        const type = paused ? ('job_paused' as const) : ('job_unpaused' as const);
        return {
          entry: changed,
          events: await tx.events.append([{ type, jobId: changed.id, runId: '', taskId: null, timestamp: now, payload: event }]),
        };
      });
      if (entry === undefined) throw notFound(`job ${id} not found`);
      for (const event of events) deps.events.publish?.(event);
      return c.json(jobJson(await deps.views.view(entry)));
    });
  }
}

function latestRun(run: AliasedRun, jobId: string): LatestRunJson {
  return {
    id: run.id,
    job_id: jobId,
    status: run.status,
    started_at: run.startedAt,
    ...setFields({ completed_at: run.completedAt, error: run.error }),
  };
}

function lastRun(run: AliasedRun): LastRunJson {
  if (run.completedAt === null) return { status: run.status };
  return { status: run.status, duration: Math.max(0, Date.parse(run.completedAt) - Date.parse(run.startedAt)) / 1000 };
}
