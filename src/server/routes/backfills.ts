/**
 * Backfills (docs/decisions.md §10, §11.4): create, list (newest first), get, cancel.
 * The backfill and cancel routes look the backfill up under its job: a
 * backfill of another job is 404 (the original does not check).
 */
import type { Context, Hono } from 'hono';
import { BACKFILL_REQUEST_SCHEMA, type BackfillRequestBody } from '../../api/backfill.js';
import type { BackfillRecord } from '../../store/ports/store.js';
import type { AppDeps } from '../app-deps.js';
import { REPROCESS_VALUES, type Reprocess } from '../../trigger/backfill-plan.js';
import { backfillJson } from '../backfill/backfill-json.js';
import type { BackfillManager, BackfillRequest } from '../backfill/backfill-manager.js';
import { bodyValidator, readJson, uuidParam } from '../body.js';
import { badRequest, HttpError, notFound } from '../http-error.js';

const checkBody = bodyValidator<BackfillRequestBody>(BACKFILL_REQUEST_SCHEMA);

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Registers the backfill routes. */
export function backfillRoutes(app: Hono, deps: AppDeps): void {
  app.post('/v1/jobs/:id/backfill', async (c) => {
    const manager = managerOf(deps);
    const id = uuidParam(c, 'id');
    const body = await readJson(c);
    if (body === undefined) throw badRequest('bad request');
    const request = parseRequest(checkBody(body));
    const view = await deps.views.byId(id);
    const record = await manager.create(view, request);
    return c.json(backfillJson(record), 202);
  });

  app.get('/v1/jobs/:id/backfills', async (c) => {
    const view = await deps.views.byId(uuidParam(c, 'id'));
    const rows = await deps.store.backfills.listByJob(view.entry.id);
    return c.json(rows.map(backfillJson));
  });

  app.get('/v1/jobs/:id/backfills/:backfill_id', async (c) => {
    const record = await backfillOf(deps, c);
    return c.json(backfillJson(record));
  });

  app.put('/v1/jobs/:id/backfills/:backfill_id/cancel', async (c) => {
    const record = await backfillOf(deps, c);
    return c.json(backfillJson(await managerOf(deps).cancel(record.id)));
  });
}

function managerOf(deps: AppDeps): BackfillManager {
  if (deps.backfills === undefined) throw new HttpError(503, 'backfills are not available on this server');
  return deps.backfills;
}

async function backfillOf(deps: AppDeps, c: Context): Promise<BackfillRecord> {
  const jobId = uuidParam(c, 'id');
  const backfillId = uuidParam(c, 'backfill_id');
  const view = await deps.views.byId(jobId);
  const record = await deps.store.backfills.get(backfillId);
  if (record?.jobId !== view.entry.id) throw notFound(`backfill ${backfillId} not found for job ${jobId}`);
  return record;
}

/** Checks the body's values in the order of docs/decisions.md §10's errors. */
function parseRequest(body: BackfillRequestBody): BackfillRequest {
  if (body.start === undefined || body.start.trim() === '' || body.end === undefined || body.end.trim() === '') {
    throw badRequest('start and end are required');
  }
  const startMs = time(body.start, 'start');
  const endMs = time(body.end, 'end');
  if (endMs <= startMs) throw badRequest('end must be after start');
  const reprocess = body.reprocess === undefined || body.reprocess === '' ? 'none' : body.reprocess;
  if (!(REPROCESS_VALUES as readonly string[]).includes(reprocess)) throw badRequest('reprocess must be one of: none, failed, all');
  const max = body.max_concurrent ?? 1;
  return { startMs, endMs, maxConcurrent: max <= 0 ? 1 : max, reprocess: reprocess as Reprocess };
}

function time(raw: string, name: string): number {
  const text = raw.trim();
  const ms = RFC3339.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`${name} must be an RFC 3339 time such as 2024-01-01T00:00:00Z; got "${raw}"`);
  return ms;
}
