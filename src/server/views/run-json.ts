/**
 * Run and task-run JSON (the `api/run.ts` contract). A task run's `id` is its
 * task id, as the original's API has it; `task_run_id` carries the row id.
 * How the run started: `backfill_id` when a backfill launched it,
 * `trigger_type`/`trigger_alias` when a trigger fired it; a manual run has
 * none of the three.
 */
import type { CallbackRunJson, RunJson, TaskRunJson } from '../../api/run.js';
import type { RunRetryJson } from '../../api/run-control.js';
import type { CallbackRunRecord, CatalogJob, RunRecord, RunRetry, RunTrigger, TaskRecord, TaskRunRecord } from '../../store/ports/store.js';
import type { StringMap } from '../../jobdef/types.js';
import { setFields } from './set-fields.js';

/** What a run's JSON needs to know about its job. */
export interface RunJobInfo {
  entry: CatalogJob;
  labels: StringMap;
  /** Tasks of the run's job version, by task id. */
  tasks: ReadonlyMap<string, TaskRecord>;
}

/** What a run's JSON may add: its callback runs, and the trigger that fired it (`run.triggerId`'s). */
export interface RunJsonExtras {
  callbacks?: readonly CallbackRunRecord[];
  trigger?: RunTrigger | undefined;
  /** When `taskRuns` is deliberately empty (a run just started): how many task runs the run has. */
  totalTasks?: number;
  /** The run's place in the run pool's queue while it waits for a slot (shown as status `queued`). */
  queuePosition?: number | undefined;
}

/** A run with its task runs and counters. */
export function runJson(run: RunRecord, info: RunJobInfo, taskRuns: readonly TaskRunRecord[], extras: RunJsonExtras = {}): RunJson {
  const { callbacks, trigger, totalTasks, queuePosition } = extras;
  const queued = run.status === 'running' && queuePosition !== undefined;
  let cacheHits = 0;
  let executed = 0;
  for (const t of taskRuns) {
    if (t.cacheHit || t.status === 'cached') cacheHits++;
    else if (t.status === 'running' || t.status === 'succeeded' || t.status === 'failed') executed++;
  }
  return {
    id: run.id,
    job_id: info.entry.id,
    job_version_id: run.jobId,
    job_alias: info.entry.alias,
    job_labels: info.labels,
    ...setFields({ backfill_id: run.backfillId, trigger_type: trigger?.type, trigger_alias: trigger?.alias }),
    status: queued ? 'queued' : run.status,
    ...(queued ? { queue_position: queuePosition } : {}),
    priority: run.priority === 'high' ? 3 : run.priority === 'low' ? 1 : 2,
    params: run.params,
    started_at: run.startedAt,
    ...(run.completedAt === null ? {} : { completed_at: run.completedAt }),
    created_at: run.startedAt,
    updated_at: run.completedAt ?? run.startedAt,
    ...(run.error === null ? {} : { error: run.error }),
    ...setFields({ cancelled_by: run.cancelledBy }),
    attempt: run.attempt,
    ...(run.retry === null ? {} : { retry: retryJson(run, run.retry) }),
    tasks: taskRuns.map((t) => taskRunJson(t, info)),
    ...(callbacks === undefined ? {} : { callbacks: callbacks.map(callbackRunJson) }),
    cache_hits: cacheHits,
    executed_tasks: executed,
    total_tasks: totalTasks ?? taskRuns.length,
  };
}

/** The latest retry of a run. */
function retryJson(run: RunRecord, r: RunRetry): RunRetryJson {
  return {
    started_at: run.attemptStartedAt,
    ...(r.from === null ? {} : { from: r.from }),
    downstream: r.downstream,
    kept: r.kept,
    rerun: r.rerun,
    previous_status: r.previous.status,
    ...setFields({ previous_error: r.previous.error, previous_completed_at: r.previous.completedAt }),
  };
}

/** One task run. */
function taskRunJson(t: TaskRunRecord, info: RunJobInfo): TaskRunJson {
  const task = info.tasks.get(t.taskId);
  return {
    id: t.taskId,
    task_run_id: t.id,
    job_run_id: t.runId,
    task_id: t.taskId,
    atom_id: t.taskId,
    name: t.name,
    job_alias: info.entry.alias,
    engine: task?.engine ?? null,
    image: task?.image ?? null,
    command: task?.command ?? [],
    status: t.status,
    attempt: t.attempt,
    max_attempts: t.maxAttempts,
    outstanding_predecessors: t.outstandingPredecessors,
    cache_hit: t.cacheHit,
    ...setFields({
      runtime_id: t.runtimeId,
      claimed_by: t.claimedBy,
      result: t.result,
      exit_code: t.exitCode,
      output: t.output,
      branch_selections: t.branchSelections,
      schema_violations: t.schemaViolations,
      error: t.error,
      started_at: t.startedAt,
      completed_at: t.completedAt,
    }),
  };
}

function callbackRunJson(c: CallbackRunRecord): CallbackRunJson {
  return {
    id: c.id,
    callback_id: c.callbackId,
    status: c.status,
    started_at: c.startedAt,
    ...setFields({ error: c.error, completed_at: c.completedAt }),
  };
}
