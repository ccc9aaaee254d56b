/**
 * Retrying a finished run (`POST …/runs/:run_id/retry`, docs/run-control.md):
 * its rows are reopened as a new attempt of the same run, in one transaction,
 * and the reopened run is then driven like any `running` run (`resumeRun`),
 * so a server that dies mid-retry resumes it after a restart.
 *
 * Our own choices:
 * - Without `from`, every task that did not succeed (failed, skipped,
 *   cancelled, pending) re-runs; succeeded and cached tasks keep their
 *   results. With `from`, that step re-runs, and with `downstream` (the
 *   default) everything downstream of it; every other task keeps its result,
 *   whatever it was (a kept failure still fails the run).
 * - A re-run task continues its attempt numbers: a task that ran gets the
 *   next attempt, one that never ran (skipped, cancelled before it started)
 *   keeps its number; either way it has its step's full `retries` again.
 * - The frontier is rebuilt from the kept tasks exactly as if they had just
 *   ended: each kept predecessor is advanced with its status and, for a
 *   branch step, its selection, so outputs and branch decisions of kept
 *   steps reach the re-run steps as in the first attempt.
 * - The run timeout counts from the retry; the run's `started_at` stays.
 */
import { advance } from './advance.js';
import { decideBranches } from './branch.js';
import type { Job } from '../jobdef/types.js';
import type { NewExecutionEvent } from './ports/events.js';
import type { RunRecord, RunRetry, TaskRunRecord } from './ports/store-records.js';
import { isSuccessTaskStatus } from './ports/status.js';
import { RunContext, resolveSettings } from './run-context.js';
import { buildRunPlan, type PlannedTask, type RunPlan } from './run-plan.js';
import type { EngineDeps } from './run-types.js';

/** What to re-run. */
export interface RetryRequest {
  runId: string;
  /** Re-run this step (and, with `downstream`, what depends on it); default: every task that did not succeed. */
  from?: string;
  /** With `from`: re-run everything downstream of it too (default true). */
  downstream?: boolean;
}

/** A reopened run, or why the run cannot be retried. */
export type RetryOutcome =
  | { ok: true; run: RunRecord; kept: string[]; rerun: string[] }
  | { ok: false; reason: 'missing' | 'running' | 'unknown_step' | 'nothing_to_rerun'; message: string; steps?: string[] };

/**
 * Reopens finished run `request.runId` of `job` (the version the run was
 * created with): the chosen rows go back to `pending`, the run to `running`
 * as its next attempt, and `run_retried` with the new frontier's events is
 * persisted and published. Drive it afterwards with `resumeRun`.
 */
export async function reopenRun(job: Job, deps: EngineDeps, request: RetryRequest): Promise<RetryOutcome> {
  const downstream = request.downstream ?? true;
  const { outcome, ctx, events } = await deps.store.transaction(async (tx) => {
    const none = { ctx: undefined, events: [] };
    const run = await tx.runs.get(request.runId);
    if (run === undefined) return { outcome: fail('missing', `run ${request.runId} not found`), ...none };
    if (run.status === 'running') {
      return { outcome: fail('running', `run ${run.id} is still running; only a finished run can be retried`), ...none };
    }
    const rows = await tx.taskRuns.listByRun(run.id);
    const plan = buildRunPlan(job, new Map(rows.map((r) => [r.name, { taskId: r.taskId, taskRunId: r.id }])));
    if (request.from !== undefined && !job.steps.some((s) => s.name === request.from)) {
      return { outcome: unknownStep(job, request.from), ...none };
    }
    const rerunIds = rerunSet(plan, rows, request.from, downstream);
    if (rerunIds.size === 0) {
      return {
        outcome: fail(
          'nothing_to_rerun',
          `run ${run.id} has no task to re-run: every task ${run.status}; name a step with from to re-run it`,
        ),
        ...none,
      };
    }
    const byPosition = (keep: boolean): string[] => rows.filter((r) => rerunIds.has(r.id) !== keep).map((r) => r.name);
    const kept = byPosition(true);
    const rerun = byPosition(false);
    const now = new Date(deps.clock.now()).toISOString();
    const retry: RunRetry = {
      from: request.from ?? null,
      downstream: request.from === undefined ? true : downstream,
      kept,
      rerun,
      previous: { status: run.status, error: run.error, completedAt: run.completedAt },
    };
    const reopened = await tx.runs.reopen(run.id, { attempt: run.attempt + 1, attemptStartedAt: now, retry });
    if (reopened === undefined) {
      return { outcome: fail('running', `run ${run.id} is still running; only a finished run can be retried`), ...none };
    }
    const stableId = (await tx.jobs.get(run.jobId))?.stableId ?? run.jobId;
    const runCtx = new RunContext(
      job,
      { id: run.jobId, stableId },
      run.id,
      run.params,
      run.startedAt,
      plan,
      resolveSettings(job, { maxParallel: 1 }),
      deps,
    );
    const out: NewExecutionEvent[] = [
      runCtx.runEvent('run_retried', {
        id: run.id,
        job_id: runCtx.jobId,
        job_alias: job.alias,
        status: 'running',
        attempt: reopened.attempt,
        attempt_started_at: now,
        ...(request.from === undefined ? {} : { retry_from: request.from }),
        downstream: retry.downstream,
        kept,
        rerun,
        previous_status: run.status,
        total_tasks: rows.length,
      }),
    ];
    for (const row of rows) {
      if (!rerunIds.has(row.id)) continue;
      await tx.logs.remove(row.id); // the snapshot describes the attempt before; the new one writes its own
      const task = plan.get(row.id);
      const ran = row.status === 'succeeded' || row.status === 'failed' || row.status === 'cached' || row.runtimeId !== null;
      const attempt = ran ? row.attempt + 1 : row.attempt;
      const next = await tx.taskRuns.reopen(row.id, {
        attempt,
        maxAttempts: attempt + Math.max(0, task.step.retries),
        outstandingPredecessors: task.predecessors.length,
      });
      if (task.predecessors.length === 0) out.push(runCtx.taskEvent('task_ready', next.taskId, { id: next.id, name: next.name, attempt }));
    }
    // Kept tasks with re-run successors end again, in step order: the frontier moves as it did after them.
    for (const row of rows) {
      if (rerunIds.has(row.id)) continue;
      const task = plan.get(row.id);
      if (!task.successors.some((id) => rerunIds.has(id))) continue;
      out.push(...(await advance(tx, runCtx, task, row.status, notSelected(plan, task, row))));
    }
    return { outcome: { ok: true as const, run: reopened, kept, rerun }, ctx: runCtx, events: await tx.events.append(out) };
  });
  ctx?.publish(events);
  return outcome;
}

/** Task-run ids to re-run. */
function rerunSet(plan: RunPlan, rows: readonly TaskRunRecord[], from: string | undefined, downstream: boolean): Set<string> {
  if (from === undefined) return new Set(rows.filter((r) => !isSuccessTaskStatus(r.status)).map((r) => r.id));
  const start = plan.tasks.find((t) => t.step.name === from);
  if (start === undefined) return new Set();
  const out = new Set([start.taskRunId]);
  if (!downstream) return out;
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const id of (queue[i] as PlannedTask).successors) {
      if (out.has(id)) continue;
      out.add(id);
      queue.push(plan.get(id));
    }
  }
  return out;
}

/** Successors a kept, succeeded branch step did not select (as its completion skipped them). */
function notSelected(plan: RunPlan, task: PlannedTask, row: TaskRunRecord): string[] {
  if (task.step.type !== 'branch' || !isSuccessTaskStatus(row.status)) return [];
  const names = task.successors.map((id) => plan.get(id).step.name).sort();
  const decision = decideBranches(row.branchSelections ?? [], names);
  if (!decision.ok) return [];
  const skip = new Set(decision.skip);
  return task.successors.filter((id) => skip.has(plan.get(id).step.name));
}

function fail(reason: 'missing' | 'running' | 'nothing_to_rerun', message: string): RetryOutcome {
  return { ok: false, reason, message };
}

function unknownStep(job: Job, from: string): RetryOutcome {
  const steps = job.steps.map((s) => s.name);
  return { ok: false, reason: 'unknown_step', message: `from names no step of job ${job.alias}: ${JSON.stringify(from)}`, steps };
}
