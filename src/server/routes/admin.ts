/**
 * `POST /v1/admin/prune` (docs/retention.md): prunes finished runs now, by the
 * server's run retention or by the body's `older_than` / `keep_per_job`;
 * `dry_run` lists what would go. 400 when neither names anything to prune by.
 */
import type { Hono } from 'hono';
import type { PruneRequestJson, PruneResponseJson } from '../../api/retention.js';
import { parseDuration } from '../../jobdef/duration.js';
import type { AppDeps } from '../app-deps.js';
import { readJson } from '../body.js';
import { badRequest } from '../http-error.js';
import { pruneRuns, prunes, type RunRetention } from '../retention/run-retention.js';

/** Registers the admin routes. */
export function adminRoutes(app: Hono, deps: AppDeps): void {
  app.post('/v1/admin/prune', async (c) => {
    const body = bodyOf(await readJson(c));
    const retention: RunRetention = { ...(deps.runRetention ?? {}) };
    if (body.older_than !== undefined) {
      const ms = parseDuration(body.older_than);
      if (ms === undefined || ms <= 0)
        throw badRequest(`invalid older_than: expected a duration like 30d or 720h, got "${body.older_than}"`);
      retention.maxAgeMs = ms;
    }
    if (body.keep_per_job !== undefined) retention.keepPerJob = body.keep_per_job;
    if (!prunes(retention)) {
      throw badRequest(
        'nothing to prune by: set CAESIUM_RUN_RETENTION or CAESIUM_RUN_RETENTION_COUNT on the server, or pass older_than or keep_per_job',
      );
    }
    const dryRun = body.dry_run === true;
    const { count, ids } = await pruneRuns(deps.store, retention, { now: deps.now(), dryRun });
    const response: PruneResponseJson = {
      dry_run: dryRun,
      ...(retention.maxAgeMs === undefined ? {} : { older_than: body.older_than ?? `${retention.maxAgeMs / 1000}s` }),
      ...(retention.keepPerJob === undefined ? {} : { keep_per_job: retention.keepPerJob }),
      runs: count,
      run_ids: ids,
    };
    return c.json(response);
  });
}

function bodyOf(value: unknown): PruneRequestJson {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('the body must be a JSON object');
  const v = value as Record<string, unknown>;
  const unknown = Object.keys(v).find((k) => !['dry_run', 'older_than', 'keep_per_job'].includes(k));
  if (unknown !== undefined) throw badRequest(`unknown field "${unknown}": expected dry_run, older_than or keep_per_job`);
  if (v.dry_run !== undefined && typeof v.dry_run !== 'boolean') throw badRequest('dry_run must be true or false');
  if (v.older_than !== undefined && typeof v.older_than !== 'string') throw badRequest('older_than must be a duration string like 30d');
  if (v.keep_per_job !== undefined && (typeof v.keep_per_job !== 'number' || !Number.isInteger(v.keep_per_job) || v.keep_per_job < 1)) {
    throw badRequest('keep_per_job must be a whole number of at least 1');
  }
  return v;
}
