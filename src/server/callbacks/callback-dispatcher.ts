/**
 * Invokes a run's callbacks (docs/decisions.md §7): sequentially, in position
 * order, each attempt recorded as a `callback_runs` row (`running`, then
 * `succeeded`/`failed` with its error) and counted in
 * `caesium_callback_runs_total{job_id,status}`. A callback failure is data:
 * it never changes the run and never throws. `retryFailed` re-invokes only
 * the callbacks whose latest attempt failed (docs/decisions.md D11).
 */
import type { CallbackRecord, CallbackRunRecord, Store, TaskRecord } from '../../store/ports/store.js';
import type { CaesiumMetrics } from '../../observe/metrics/create-metrics.js';
import { callbackPayload, type CallbackJob } from './callback-payload.js';
import { NOTIFICATION_TIMEOUT_MS, notificationTarget, postNotification } from './notification.js';

export interface CallbackDispatcherDeps {
  store: Store;
  /** The tasks of a job version, by task id (the server's cached `JobViews.tasksOf`). */
  tasksOf: (versionId: string) => Promise<ReadonlyMap<string, TaskRecord>>;
  metrics: Pick<CaesiumMetrics, 'family'>;
  /** ISO 8601 now. */
  now: () => string;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
}

/** One attempt's end. */
export interface CallbackOutcome {
  callbackId: string;
  callbackRunId: string;
  status: 'succeeded' | 'failed';
  error: string | null;
}

/** Runs callbacks of finished runs. */
export class CallbackDispatcher {
  readonly #deps: CallbackDispatcherDeps;
  readonly #shutdown = new AbortController();

  constructor(deps: CallbackDispatcherDeps) {
    this.#deps = deps;
  }

  /** Invokes every callback of the run's job version; resolves with each attempt's outcome (none when the run is unknown). */
  async dispatch(runId: string, job: CallbackJob): Promise<CallbackOutcome[]> {
    return this.#invoke(runId, job, () => true);
  }

  /** Invokes again the callbacks of the run whose latest attempt failed (docs/decisions.md D11). */
  async retryFailed(runId: string, job: CallbackJob): Promise<CallbackOutcome[]> {
    const latest = latestByCallback(await this.#deps.store.callbacks.listRuns(runId));
    return this.#invoke(runId, job, (cb) => latest.get(cb.id)?.status === 'failed');
  }

  /** Makes attempts in flight fail now (recorded as failed) instead of waiting for their timeout. */
  abort(): void {
    this.#shutdown.abort();
  }

  async #invoke(runId: string, job: CallbackJob, pick: (cb: CallbackRecord) => boolean): Promise<CallbackOutcome[]> {
    const { store } = this.#deps;
    const run = await store.runs.get(runId);
    if (run === undefined) return [];
    const callbacks = (await store.callbacks.list(run.jobId)).filter(pick);
    if (callbacks.length === 0) return [];
    const [taskRuns, tasks] = await Promise.all([store.taskRuns.listByRun(run.id), this.#deps.tasksOf(run.jobId)]);
    const body = JSON.stringify(callbackPayload(job, run, taskRuns, tasks));
    const out: CallbackOutcome[] = [];
    for (const callback of callbacks) out.push(await this.#attempt(callback, run.id, job.id, body));
    return out;
  }

  async #attempt(callback: CallbackRecord, runId: string, jobId: string, body: string): Promise<CallbackOutcome> {
    const { store, now, metrics } = this.#deps;
    const started = await store.callbacks.startRun({ callbackId: callback.id, runId, startedAt: now() });
    const error = await this.#send(callback, body);
    const status = error === undefined ? 'succeeded' : 'failed';
    await store.callbacks.finishRun(started.id, { status, error: error ?? null, completedAt: now() });
    metrics.family('caesium_callback_runs_total').inc({ job_id: jobId, status });
    return { callbackId: callback.id, callbackRunId: started.id, status, error: error ?? null };
  }

  async #send(callback: CallbackRecord, body: string): Promise<string | undefined> {
    if (callback.type !== 'notification') return `unsupported callback type "${callback.type}"`;
    const target = notificationTarget(callback.configuration);
    if ('error' in target) return target.error;
    return postNotification(target, body, { timeoutMs: this.#deps.timeoutMs ?? NOTIFICATION_TIMEOUT_MS, signal: this.#shutdown.signal });
  }
}

/** The latest attempt of each callback (rows come ordered by `started_at`). */
function latestByCallback(rows: readonly CallbackRunRecord[]): Map<string, CallbackRunRecord> {
  const out = new Map<string, CallbackRunRecord>();
  for (const row of rows) {
    const seen = out.get(row.callbackId);
    if (seen === undefined || seen.startedAt <= row.startedAt) out.set(row.callbackId, row);
  }
  return out;
}
