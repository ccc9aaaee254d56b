/**
 * `POST /v1/jobs/:id/runs/:run_id/cancel`: stops a running run. Its running
 * tasks are stopped (process groups, containers), its pending ones end
 * `cancelled`, and the run ends `cancelled` with `cancelled_by`. Cancelling
 * a cancelled run answers it again (200); a run that finished otherwise is a
 * 409. The answer waits for the run to record its end, up to
 * `CANCEL_WAIT_MS`; past that it is a 202 with the run as it stands.
 */
import type { Hono } from 'hono';
import { CANCEL_REQUEST_SCHEMA, type CancelRequestJson } from '../../api/run-control.js';
import type { AppDeps } from '../app-deps.js';
import { bodyValidator, readJson, uuidParam } from '../body.js';
import { conflict } from '../http-error.js';
import { oneRunJson } from '../run-info.js';
import { runOf } from './runs.js';

const checkCancel = bodyValidator<CancelRequestJson>(CANCEL_REQUEST_SCHEMA);

/** How long the answer waits for a cancelled run to record its end. */
const CANCEL_WAIT_MS = 20_000;

/** Registers the cancel route. */
export function runCancelRoutes(app: Hono, deps: AppDeps): void {
  app.post('/v1/jobs/:id/runs/:run_id/cancel', async (c) => {
    const jobId = uuidParam(c, 'id');
    const runId = uuidParam(c, 'run_id');
    const body = await readJson(c);
    const by = (body === undefined ? {} : checkCancel(body)).by ?? 'api';
    const { view, run } = await runOf(deps, jobId, runId);
    if (run.status === 'cancelled') return c.json(await oneRunJson(deps, view, run));
    if (run.status !== 'running') throw conflict(`run ${runId} already finished (${run.status}); only a running run can be cancelled`);
    let ended = deps.launcher.cancel(runId, by);
    if (ended === undefined && deps.requestCancel !== undefined) {
      // Many servers: the run is driven by another node, which takes the request at its next renewal.
      await deps.requestCancel(runId, by);
      ended = endOf(deps, jobId, runId);
    }
    if (ended === undefined) {
      const now = (await runOf(deps, jobId, runId)).run;
      if (now.status === 'cancelled') return c.json(await oneRunJson(deps, view, now));
      if (now.status !== 'running') throw conflict(`run ${runId} already finished (${now.status}); only a running run can be cancelled`);
      throw conflict(`run ${runId} is not executing on this server; it is resumed (and can be cancelled) after the server restarts`);
    }
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([
      ended.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CANCEL_WAIT_MS))),
    ]);
    clearTimeout(timer);
    const after = (await runOf(deps, jobId, runId)).run;
    return c.json(await oneRunJson(deps, view, after), done ? 200 : 202);
  });
}

/** Resolves once run `runId` is no longer running (polled; the cancel wait bounds it). */
async function endOf(deps: AppDeps, jobId: string, runId: string): Promise<void> {
  const deadline = Date.now() + CANCEL_WAIT_MS;
  while (Date.now() < deadline) {
    if ((await runOf(deps, jobId, runId)).run.status !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
