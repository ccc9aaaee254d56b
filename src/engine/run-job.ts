/**
 * The engine's entry point: run one job to its end.
 *
 * Choices where the contract says nothing or where a decision replaces it:
 * - `halt` (docs/decisions.md D6): after the first final failure nothing new is claimed; running
 *   tasks finish; every task still pending ends `skipped` with the reason
 *   `run halted after task "<name>" failed`.
 * - Run timeout (docs/decisions.md D18): the run ends `failed` with `run timed out after <dur>`;
 *   running tasks are stopped and end `cancelled`
 *   (`task <id> cancelled: context deadline exceeded`), pending ones `cancelled`.
 * - Cancellation (the signal): running tasks stopped and removed, every
 *   unfinished task `cancelled`, the run `cancelled` with `run cancelled`.
 *   Cancelled tasks get no task event of their own; the run event lists them.
 * - Retries (docs/decisions.md D5): every failure is retried, except a `RuntimeError` marked
 *   `retryable: false` and an unknown branch target. The row goes back to
 *   `pending` at once with a not-before time; the slot is free during the delay.
 * - `schema_violation_recorded` is persisted with a sequence like every other event.
 * - A log line over 1 MiB, like merged outputs over 64 KiB, drops outputs and
 *   branch selections with a warning; the log snapshot is still saved.
 */
import type { Job } from '../jobdef/types.js';
import { createRun } from './create-run.js';
import type { RunRecord } from './ports/store-records.js';
import type { EngineDeps, RunOptions, RunSummary } from './run-types.js';
import { Scheduler } from './scheduler.js';

/**
 * Runs `job`: applies it to the store (unless `options.jobId` names an applied
 * version), creates the run as rows, executes the frontier through the
 * runtimes and returns the summary once no task is pending or running.
 * Task failures are data in the summary; only store failures reject.
 */
export async function runJob(job: Job, deps: EngineDeps, options: RunOptions): Promise<RunSummary> {
  return (await prepareRun(job, deps, options)).drive(options.signal);
}

/** A run whose rows are committed and whose execution has not begun. */
export interface PreparedRun {
  runId: string;
  /** The run's row as committed (`running`). */
  run: RunRecord;
  /**
   * Executes the run to its end (call once). `signal` cancels it; its run
   * timeout counts from this call, not from the run's creation. `drain` and a
   * `RunSuspension` reason leave it for a later process (suspend.ts).
   */
  drive: (signal: AbortSignal, drain?: AbortSignal) => Promise<RunSummary>;
}

/**
 * Admission without execution: applies `job` when needed and commits the run
 * with its frontier (`run_started` and `task_ready` are published), like the
 * first half of `runJob`. A caller that bounds how many runs execute at once
 * drives it later; until then the run is `running` with every task `pending`,
 * which `resumeRun` also continues after a restart.
 */
export async function prepareRun(job: Job, deps: EngineDeps, options: Omit<RunOptions, 'signal'>): Promise<PreparedRun> {
  const { ctx, run, startError } = await createRun(job, deps, options);
  return { runId: ctx.runId, run, drive: (signal, drain) => new Scheduler(ctx, signal, undefined, drain).run(startError) };
}
