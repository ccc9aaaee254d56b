/**
 * Resuming a run from its rows after the process that drove it died (a server
 * killed mid-run). The frontier is already in the store; what died with the
 * process is every attempt it had in flight, i.e. every row left `running`.
 *
 * Our own choices, where the contract says nothing:
 * - A row left `running` lost its attempt. With attempts left it goes back to
 *   `pending` with `attempt + 1` at once (`task_retrying` with a `runtime`
 *   failure, retry delay 0: the task did not fail, its host went away);
 *   otherwise it ends `failed` with `server restarted while the task was
 *   running; no attempts left` and its successors advance by their trigger
 *   rules, as after any failure. Execution is at-least-once: an attempt that
 *   finished but whose completion was not committed runs again.
 * - The run continues on the job version it was created with (the caller
 *   passes that version's `Job`), whatever was applied since; its events name
 *   the job by the stable id of that version's row.
 * - Failures committed before the restart still count: the run ends `failed`
 *   with the first one's error, and under `halt` nothing new starts.
 * - Retries waiting for their delay keep their not-before time; the run
 *   timeout counts from the start of the run's current attempt (its original
 *   start, unless the run was retried: retry-run.ts).
 * - No `run_started` is emitted again; observers see the resumed tasks'
 *   events and the run's end.
 * - Rows that do not match the version's steps (a damaged database) end the
 *   run `failed` without running anything.
 */
import type { Job } from '../jobdef/types.js';
import { failure, isSuccessResult, resultRunError } from './failure.js';
import { advance } from './advance.js';
import { decideRetry } from './decide.js';
import type { NewExecutionEvent } from './ports/events.js';
import type { RunRecord, TaskRunRecord } from './ports/store-records.js';
import type { RunStoreQueries } from './ports/run-store.js';
import { taskRunPayload } from './payloads.js';
import { RunContext, resolveSettings } from './run-context.js';
import { buildRunPlan } from './run-plan.js';
import type { EngineDeps, RunOptions, RunSummary } from './run-types.js';
import { Scheduler, type ResumedState } from './scheduler.js';

/** The error of a task whose attempt died with the process and that has no attempt left. */
export const INTERRUPTED_NO_ATTEMPTS = 'server restarted while the task was running; no attempts left';
/** The failure recorded for the attempt that died with the process. */
export const INTERRUPTED_ATTEMPT = 'server restarted while the task was running';

/** Options of a resume: a run's options, minus what the run row already fixes. */
export type ResumeOptions = Omit<RunOptions, 'params' | 'jobId'> & {
  /** The run to resume. */
  runId: string;
  /** Aborting it drains the run and leaves it for a later process (suspend.ts). */
  drain?: AbortSignal;
};

/**
 * Resumes run `options.runId` of `job` (the version the run was created
 * with) and drives it to its end. Resolves to undefined when there was
 * nothing to drive: the run is not `running`, or its rows do not match `job`
 * (it is then ended `failed` at once). Only store failures reject.
 */
export async function resumeRun(job: Job, deps: EngineDeps, options: ResumeOptions): Promise<RunSummary | undefined> {
  const settings = resolveSettings(job, options);
  const { prepared, events } = await deps.store.transaction(async (tx) => {
    const run = await tx.runs.get(options.runId);
    if (run?.status !== 'running') return { prepared: undefined, events: [] };
    const rows = await tx.taskRuns.listByRun(run.id);
    const mismatch = stepMismatch(job, rows);
    if (mismatch !== undefined) {
      await abandon(tx, run, mismatch, new Date(deps.clock.now()).toISOString());
      return { prepared: undefined, events: [] };
    }
    const plan = buildRunPlan(job, new Map(rows.map((r) => [r.name, { taskId: r.taskId, taskRunId: r.id }])));
    const stableId = (await tx.jobs.get(run.jobId))?.stableId ?? run.jobId;
    const ctx = new RunContext(job, { id: run.jobId, stableId }, run.id, run.params, run.startedAt, plan, settings, deps);
    const out: NewExecutionEvent[] = [];
    for (const row of rows) if (row.status === 'running') out.push(...(await recover(tx, ctx, row)));
    const state = resumedState(ctx, run, await tx.taskRuns.listByRun(run.id));
    return { prepared: { ctx, state }, events: await tx.events.append(out) };
  });
  if (prepared === undefined) return undefined;
  prepared.ctx.publish(events);
  return new Scheduler(prepared.ctx, options.signal, prepared.state, options.drain).run();
}

/** Recovers one row whose attempt died: a new attempt, or a failure that moves the frontier. */
async function recover(tx: RunStoreQueries, ctx: RunContext, row: TaskRunRecord): Promise<NewExecutionEvent[]> {
  const lost = failure('runtime', INTERRUPTED_ATTEMPT);
  // The task did not fail, its host went away: the same attempt rule as any retry, without the step's delay.
  const retry = decideRetry(lost, row, { retryDelayMs: 0, retryBackoff: false }, false);
  if (retry.retry) {
    const next = await tx.taskRuns.resetForRetry(row.id, { attempt: row.attempt + 1, notBefore: null });
    return [
      ctx.taskEvent('task_retrying', next.taskId, {
        ...taskRunPayload(ctx.identity, next),
        failed_attempt: row.attempt,
        failure: retry.failure,
        retry_delay_ms: retry.delayMs,
      }),
      ctx.taskEvent('task_ready', next.taskId, { id: next.id, name: next.name, attempt: next.attempt }),
    ];
  }
  const ended = await tx.taskRuns.finish(row.id, { status: 'failed', completedAt: ctx.now(), error: INTERRUPTED_NO_ATTEMPTS });
  if (ended === undefined) return [];
  const out: NewExecutionEvent[] = [
    ctx.taskEvent('task_failed', ended.taskId, {
      ...taskRunPayload(ctx.identity, ended),
      failure: { ...lost, retryable: false, message: INTERRUPTED_NO_ATTEMPTS },
    }),
  ];
  out.push(...(await advance(tx, ctx, ctx.plan.get(ended.id), 'failed', [])));
  return out;
}

/** What the scheduler carries over: earlier failures, pending retry times, time already spent. */
function resumedState(ctx: RunContext, run: RunRecord, rows: readonly TaskRunRecord[]): ResumedState {
  const failed = rows.filter((r) => r.status === 'failed').sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''));
  const first = failed[0];
  // A failure a retry kept fails the run again, but does not halt the attempt that re-runs the rest.
  const kept = new Set(run.retry?.kept ?? []);
  const halting = failed.find((r) => !kept.has(r.name));
  const firstError =
    first === undefined
      ? undefined
      : first.result !== null && !isSuccessResult(first.result)
        ? resultRunError(first.name, first.result)
        : (first.error ?? `task "${first.name}" failed`);
  const retryAt = rows.flatMap((r) => (r.status === 'pending' && r.notBefore !== null ? [Date.parse(r.notBefore)] : []));
  return {
    firstError,
    halt: ctx.settings.failurePolicy === 'halt' ? halting?.name : undefined,
    retryAt: retryAt.filter((t) => t > ctx.deps.clock.now()),
    elapsedMs: Math.max(0, ctx.deps.clock.now() - Date.parse(run.attemptStartedAt)),
  };
}

/** Why the rows cannot be this job's, or undefined when every step has exactly one row. */
function stepMismatch(job: Job, rows: readonly TaskRunRecord[]): string | undefined {
  const names = new Set(rows.map((r) => r.name));
  const missing = job.steps.filter((s) => !names.has(s.name)).map((s) => s.name);
  if (rows.length === job.steps.length && missing.length === 0) return undefined;
  return `cannot resume run: its task runs do not match the steps of job ${job.alias} (missing: ${missing.join(', ') || 'none'})`;
}

/** Ends a run that cannot be resumed, and its unfinished rows. */
async function abandon(tx: RunStoreQueries, run: RunRecord, error: string, completedAt: string): Promise<void> {
  await tx.taskRuns.resolveUnfinished(run.id, { status: 'skipped', error, completedAt });
  await tx.runs.finish(run.id, { status: 'failed', error, completedAt });
}
