/**
 * `POST /v1/jobs/:id/runs/:run_id/retry` (docs/run-control.md): re-runs part
 * of a finished run as its next attempt. Without a body, every task that did
 * not succeed re-runs; `{"from": "<step>", "downstream": true}` re-runs that
 * step and (by default) everything downstream of it. Every other task keeps
 * its result. 202 with the run as it stands once reopened (`running` or
 * `queued`, `attempt`, `retry`); 409 for a run still running or with nothing
 * to re-run; 400 for a step the job does not have.
 */
import type { Hono } from 'hono';
import { RETRY_REQUEST_SCHEMA, type RetryRequestJson } from '../../api/run-control.js';
import { choiceHint } from '../../jobdef/suggest.js';
import type { AppDeps } from '../app-deps.js';
import { bodyValidator, readJson, uuidParam } from '../body.js';
import { badRequest, conflict } from '../http-error.js';
import { oneRunJson } from '../run-info.js';
import { runOf } from './runs.js';

const checkRetry = bodyValidator<RetryRequestJson>(RETRY_REQUEST_SCHEMA);

/** Registers the retry route. */
export function runRetryRoutes(app: Hono, deps: AppDeps): void {
  app.post('/v1/jobs/:id/runs/:run_id/retry', async (c) => {
    const jobId = uuidParam(c, 'id');
    const runId = uuidParam(c, 'run_id');
    const raw = await readJson(c);
    const body = raw === undefined ? {} : checkRetry(raw);
    if (body.downstream !== undefined && body.from === undefined) {
      throw badRequest('downstream applies only with from: name the step to re-run from');
    }
    const { view, run } = await runOf(deps, jobId, runId);
    if (run.status === 'running') throw conflict(stillRunning(deps, runId));
    const version = await deps.store.jobs.get(run.jobId);
    if (version === undefined) throw conflict(`run ${runId} cannot be retried: its job version ${run.jobId} no longer exists`);
    const outcome = await deps.launcher.retry(version.job, {
      runId,
      ...(body.from === undefined ? {} : { from: body.from }),
      ...(body.downstream === undefined ? {} : { downstream: body.downstream }),
    });
    if (!outcome.ok) {
      if (outcome.reason === 'unknown_step') {
        const steps = outcome.steps ?? [];
        const hint = choiceHint(body.from ?? '', steps, `steps of this run: ${steps.join(', ')}`);
        throw badRequest(`unknown step ${JSON.stringify(body.from)} in from; ${hint}`, { steps });
      }
      throw conflict(outcome.reason === 'running' ? stillRunning(deps, runId) : outcome.message);
    }
    const after = (await runOf(deps, jobId, runId)).run;
    return c.json(await oneRunJson(deps, view, after), 202);
  });
}

function stillRunning(deps: AppDeps, runId: string): string {
  const state = deps.launcher.queuePosition(runId) === undefined ? 'running' : 'queued';
  return `run ${runId} is still ${state}; only a finished run can be retried (cancel it first, or wait for it to end)`;
}
