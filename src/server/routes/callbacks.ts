/**
 * `POST /v1/jobs/:id/runs/:run_id/callbacks/retry` (docs/decisions.md §11.4,
 * §7, D11): invokes again each callback of the run whose
 * latest attempt failed, and answers 202 with the refreshed run. When a
 * retried callback fails again the answer is 500 with the run beside the
 * message. 404 when the run is unknown or belongs to another job.
 */
import type { Hono } from 'hono';
import type { CallbackRetryErrorJson } from '../../api/errors.js';
import type { AppDeps } from '../app-deps.js';
import { uuidParam } from '../body.js';
import { HttpError } from '../http-error.js';
import { oneRunJson } from '../run-info.js';
import { runOf } from './runs.js';

/** Registers the callback retry route. */
export function callbackRoutes(app: Hono, deps: AppDeps): void {
  app.post('/v1/jobs/:id/runs/:run_id/callbacks/retry', async (c) => {
    const { view, run } = await runOf(deps, uuidParam(c, 'id'), uuidParam(c, 'run_id'));
    const outcomes = await deps.callbacks.retryFailed(run.id, { id: view.entry.id, alias: view.entry.alias });
    const body = await oneRunJson(deps, view, run);
    const failed = outcomes.filter((o) => o.status === 'failed');
    if (failed.length > 0) {
      const first = failed[0]?.error ?? 'failed';
      const details: Omit<CallbackRetryErrorJson, 'message'> = { run: body };
      throw new HttpError(500, `${failed.length} of ${outcomes.length} retried callback(s) failed again: ${first}`, details);
    }
    return c.json(body, 202);
  });
}
