/**
 * Lifecycle events of a run (docs/decisions.md §4.2). Execution events are
 * persisted with a sequence in the same transaction as the state change they
 * describe, then published to an `EventSink`. Payloads are the wire JSON
 * (snake_case, as REST and SSE send them); the envelope is camelCase.
 */
import type { Engine, StringMap, TriggerType } from '../../jobdef/types.js';
import type { RunStatus, TaskRunStatus } from './status.js';
import type { SchemaViolation } from './store-records.js';

export const EXECUTION_EVENT_TYPES = [
  'run_started',
  'run_completed',
  'run_failed',
  'run_cancelled',
  'run_terminal',
  'task_ready',
  'task_claimed',
  'task_started',
  'task_succeeded',
  'task_failed',
  'task_skipped',
  'task_retrying',
  'task_cached',
  'schema_violation_recorded',
  'run_queued',
  'run_retried',
  'job_paused',
  'job_unpaused',
] as const;
/** A persisted event type. */
export type ExecutionEventType = (typeof EXECUTION_EVENT_TYPES)[number];

/** A task attempt's failure, as data (docs/architecture.md rule 9). */
export interface TaskFailure {
  /**
   * exit: a non-success result; start: could not start; runtime: the runtime failed while
   * waiting; timeout; schema: a fail-mode violation; branch: an unknown target; internal.
   */
  type: 'exit' | 'start' | 'runtime' | 'timeout' | 'schema' | 'branch' | 'internal';
  retryable: boolean;
  exitCode: number | null;
  /** The engine result (`failure`, `killed`, …) when the task ran to an exit. */
  result: string | null;
  message: string;
}

/**
 * Task-run JSON (docs/decisions.md §11.3, snake_case); `id` is the task-run row id.
 * `engine`, `image` and `command` say what the task runs as in this run:
 * `--engine` overrides the step's engine, so the definition alone can be wrong.
 */
export interface TaskRunPayload {
  id: string;
  job_run_id: string;
  task_id: string;
  name: string;
  job_alias: string;
  job_labels: StringMap;
  engine: Engine;
  /** Empty for a local step. */
  image: string;
  /** Absent when the step runs its image's entrypoint. */
  command?: string[];
  status: TaskRunStatus;
  attempt: number;
  max_attempts: number;
  outstanding_predecessors: number;
  cache_hit: boolean;
  result?: string;
  exit_code?: number;
  output?: StringMap;
  branch_selections?: string[];
  schema_violations?: SchemaViolation[];
  error?: string;
  runtime_id?: string;
  claimed_by?: string;
  started_at?: string;
  completed_at?: string;
}

/** `task_succeeded` and `task_failed`: the row plus what the engine noticed. */
export interface TaskEndedPayload extends TaskRunPayload {
  /** Protocol problems that did not change the result (e.g. outputs over the 64 KiB cap). */
  warnings?: string[];
  failure?: TaskFailure;
}

export interface TaskSkippedPayload extends TaskRunPayload {
  reason: string;
}

export interface TaskRetryingPayload extends TaskRunPayload {
  /** The attempt that failed. */
  failed_attempt: number;
  failure: TaskFailure;
  retry_delay_ms: number;
}

/**
 * `task_cached`: the row (status `cached`, `cache_hit` true) and where its
 * result came from. The engine always sets the `cache_*` fields but the one
 * for expiry; readers should still treat them as optional (older events).
 */
export interface TaskCachedPayload extends TaskRunPayload {
  /** The identity hash the entry was found under. */
  cache_hash?: string;
  /** The run, and the task run, that executed the task and stored the entry. */
  cache_origin_run_id?: string;
  cache_origin_task_run_id?: string;
  cache_created_at?: string;
  /** Absent when the entry never expires. */
  cache_expires_at?: string;
}

/** `task_ready`, `task_claimed`: which task run. */
export interface TaskRefPayload {
  id: string;
  name: string;
  attempt: number;
}

export interface SchemaViolationPayload {
  id: string;
  name: string;
  violations: number;
  schema_violations: SchemaViolation[];
}

/**
 * `run_started`: the minimal run JSON, plus what observers need at the start
 * (docs/decisions.md D10: the lineage job START carries the real task count and the alias).
 */
export interface RunStartedPayload {
  id: string;
  job_id: string;
  job_alias: string;
  status: RunStatus;
  started_at: string;
  tasks: [];
  /** The run's task runs, all created with the run. */
  total_tasks: number;
  /** The type of the trigger that fired the run; absent for manual and backfill runs. */
  trigger_type?: TriggerType;
}

/** Run JSON (docs/decisions.md §11.3) for completion, failure and cancellation. */
export interface RunPayload {
  id: string;
  job_id: string;
  job_alias: string;
  job_labels: StringMap;
  /** Set when a backfill launched the run. */
  backfill_id?: string;
  /** Set when a trigger fired the run: its type, and its alias (the job's). */
  trigger_type?: TriggerType;
  trigger_alias?: string;
  status: RunStatus;
  params: StringMap;
  error?: string;
  started_at: string;
  completed_at?: string;
  /** Who cancelled the run on request (`POST …/cancel`). */
  cancelled_by?: string;
  tasks: TaskRunPayload[];
  cache_hits: number;
  executed_tasks: number;
  total_tasks: number;
}

/**
 * `run_queued` (written by the server, not the engine): the run is admitted
 * and waits for a slot of the run pool; `queue_position` 1 runs next.
 */
export interface RunQueuedPayload {
  id: string;
  job_id: string;
  job_alias: string;
  status: 'queued';
  queue_position: number;
}

/**
 * `run_retried`: a finished run was reopened as a new attempt
 * (`POST …/runs/:run_id/retry`); `kept` steps keep their results, `rerun`
 * steps run again. `task_ready`/`task_skipped` for the new frontier follow.
 */
export interface RunRetriedPayload {
  id: string;
  job_id: string;
  job_alias: string;
  status: 'running';
  /** The run's new attempt number (2 for the first retry). */
  attempt: number;
  attempt_started_at: string;
  /** The step the retry started from; absent when it re-ran what had not succeeded. */
  retry_from?: string;
  downstream: boolean;
  kept: string[];
  rerun: string[];
  /** How the attempt before ended. */
  previous_status: 'succeeded' | 'failed' | 'cancelled';
  total_tasks: number;
}

/** `job_paused`, `job_unpaused` (written by the server): the job, by its stable id, after the change. */
export interface JobPausedPayload {
  id: string;
  alias: string;
  paused: boolean;
}

/** The payload of each event type. */
export interface EventPayloads {
  run_started: RunStartedPayload;
  run_completed: RunPayload;
  run_failed: RunPayload;
  run_cancelled: RunPayload;
  run_terminal: RunPayload;
  task_ready: TaskRefPayload;
  task_claimed: TaskRefPayload;
  task_started: TaskRunPayload;
  task_succeeded: TaskEndedPayload;
  task_failed: TaskEndedPayload;
  task_skipped: TaskSkippedPayload;
  task_retrying: TaskRetryingPayload;
  task_cached: TaskCachedPayload;
  schema_violation_recorded: SchemaViolationPayload;
  run_queued: RunQueuedPayload;
  run_retried: RunRetriedPayload;
  job_paused: JobPausedPayload;
  job_unpaused: JobPausedPayload;
}

/** A persisted event; `sequence` increases across the store. */
export type ExecutionEvent = {
  [K in ExecutionEventType]: {
    sequence: number;
    type: K;
    jobId: string;
    runId: string;
    /** The step's task id (catalog row), null for run events. */
    taskId: string | null;
    timestamp: string;
    payload: EventPayloads[K];
  };
}[ExecutionEventType];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An execution event before the store gave it a sequence. */
export type NewExecutionEvent = DistributiveOmit<ExecutionEvent, 'sequence'>;

/** One log line of a task, published live and never persisted (`sequence` 0). */
export interface TaskLogEvent {
  type: 'task_log';
  sequence: 0;
  jobId: string;
  runId: string;
  taskId: string;
  taskRunId: string;
  name: string;
  attempt: number;
  /** `system`: a line written by caesium itself (warnings). */
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
  timestamp: string;
}

/** Anything an `EventSink` receives. */
export type EngineEvent = ExecutionEvent | TaskLogEvent;

/** Receives every event after it is persisted. A sink that throws never fails a run. */
export type EventSink = (event: EngineEvent) => void;
