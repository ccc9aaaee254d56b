/**
 * The engine's store port: what running a job reads and writes, and nothing
 * more. One async interface with a transaction scope and one small module per
 * query family: job versions, runs, task runs (the frontier), events, log
 * snapshots and the task cache table. The server's own families (catalog,
 * triggers, backfills, hooks, inventory, callbacks) extend it in the store
 * room (`Store` in src/store/ports/store.ts); the engine never sees them.
 */
import type { Job, StringMap } from '../../jobdef/types.js';
import type { ExecutionEvent, ExecutionEventType, NewExecutionEvent } from './events.js';
import type { RunStatus, TaskRunStatus } from './status.js';
import type {
  AppliedJob,
  CacheEntry,
  EdgeRecord,
  JobRecord,
  LogSnapshot,
  NewTaskRun,
  OutstandingUpdate,
  RunOrigin,
  RunPriority,
  ReopenedTaskRun,
  RunRecord,
  RunRetry,
  TaskRecord,
  TaskRunFinish,
  TaskRunRecord,
} from './store-records.js';

export type * from './store-records.js';

/** Log snapshots keep at most this many bytes of raw text (docs/decisions.md §2.11). */
export const LOG_SNAPSHOT_MAX_BYTES = 1_048_576;

export interface JobQueries {
  /** Writes a new version of `job` unless the current version has the same content hash. */
  apply(job: Job, options: { appliedAt: string }): Promise<AppliedJob>;
  get(id: string): Promise<JobRecord | undefined>;
  current(alias: string): Promise<JobRecord | undefined>;
  tasks(jobId: string): Promise<TaskRecord[]>;
  edges(jobId: string): Promise<EdgeRecord[]>;
}

export interface RunQueries {
  create(run: { id?: string; jobId: string; params: StringMap; startedAt: string; priority?: RunPriority } & RunOrigin): Promise<RunRecord>;
  get(id: string): Promise<RunRecord | undefined>;
  finish(
    id: string,
    end: { status: Exclude<RunStatus, 'running'>; error: string | null; completedAt: string; cancelledBy?: string | null },
  ): Promise<RunRecord>;
  /**
   * Makes a finished run `running` again as attempt `attempt` (error, end and
   * `cancelledBy` cleared); undefined when the run is missing or still running.
   */
  reopen(id: string, retry: { attempt: number; attemptStartedAt: string; retry: RunRetry }): Promise<RunRecord | undefined>;
  listByJob(jobId: string): Promise<RunRecord[]>;
  /** Runs still `running`, oldest first (what a restarted server resumes). */
  listRunning(): Promise<RunRecord[]>;
}

export interface TaskRunQueries {
  /** Inserts `pending` rows with attempt 1. */
  createMany(runId: string, rows: NewTaskRun[]): Promise<TaskRunRecord[]>;
  get(id: string): Promise<TaskRunRecord | undefined>;
  /** Every task run of a run, by position. */
  listByRun(runId: string): Promise<TaskRunRecord[]>;
  /**
   * Moves up to `limit` frontier rows (pending, no outstanding predecessors,
   * `notBefore` passed) to `running`, by position. A row is claimed once.
   */
  claimReady(runId: string, claim: { limit: number; claimedBy: string; now: string }): Promise<TaskRunRecord[]>;
  /**
   * Whether `claim.claimedBy` still holds row `id` at `claim.attempt` (running, its claim, its attempt, and no
   * other node's lease on the run); on PostgreSQL the row stays locked until the transaction ends. A commit
   * of an attempt that lost its claim writes nothing.
   */
  holds(id: string, claim: { attempt: number; claimedBy: string }): Promise<boolean>;
  /** Whether `workerId` may drive run `runId`: no other node holds its lease (docs/multi-node.md). */
  drives(runId: string, workerId: string): Promise<boolean>;
  markStarted(id: string, start: { runtimeId: string; startedAt: string }): Promise<TaskRunRecord>;
  /** A terminal write; only rows still pending or running change. */
  finish(id: string, end: TaskRunFinish): Promise<TaskRunRecord | undefined>;
  /** Back to pending with `attempt`; clears result, output, error and runtime id. */
  resetForRetry(id: string, retry: { attempt: number; notBefore: string | null }): Promise<TaskRunRecord>;
  /** A finished row back to `pending` for a retry of its run: result, output, error, times and runtime id cleared. */
  reopen(id: string, reopened: ReopenedTaskRun): Promise<TaskRunRecord>;
  /** Decrements the count of unfinished predecessors of each row (never below 0). */
  decrementOutstanding(ids: readonly string[]): Promise<OutstandingUpdate[]>;
  statuses(ids: readonly string[]): Promise<{ id: string; status: TaskRunStatus }[]>;
  outputs(ids: readonly string[]): Promise<{ id: string; name: string; output: StringMap | null }[]>;
  /** Ends every pending or running row of a run with `status` and `error`; returns them. */
  resolveUnfinished(runId: string, end: { status: 'skipped' | 'cancelled'; error: string; completedAt: string }): Promise<TaskRunRecord[]>;
}

export interface EventQueries {
  /** Persists events in order and returns them with their sequences. */
  append(events: readonly NewExecutionEvent[]): Promise<ExecutionEvent[]>;
  /** Events with `sequence > after`, oldest first. */
  list(query: {
    after?: number;
    runId?: string;
    jobId?: string;
    types?: readonly ExecutionEventType[];
    limit?: number;
  }): Promise<ExecutionEvent[]>;
  /** Deletes events whose timestamp is before `before` (ISO 8601); returns how many (docs/decisions.md D13 retention). */
  prune(before: string): Promise<number>;
}

export interface LogQueries {
  /** Saves (replaces) a task run's snapshot, capped at LOG_SNAPSHOT_MAX_BYTES. */
  save(snapshot: { taskRunId: string; runId: string; text: string; truncated: boolean; savedAt: string }): Promise<LogSnapshot>;
  get(taskRunId: string): Promise<LogSnapshot | undefined>;
  remove(taskRunId: string): Promise<void>;
}

/** The `task_caches` table, which the task cache over a store (src/store/cache/store-cache.ts) reads and writes. */
export interface CacheQueries {
  /** A non-expired entry (`expiresAt` null or after `now`). */
  get(hash: string, now: string): Promise<CacheEntry | undefined>;
  /** Inserts or replaces the entry with the same hash. */
  put(entry: CacheEntry): Promise<void>;
  listByJob(jobId: string): Promise<CacheEntry[]>;
  /** The entries of every version of `alias`, newest first. */
  listByAlias(alias: string): Promise<CacheEntry[]>;
  /** Deletes a job's entries (of one task when given); returns how many. */
  remove(jobId: string, taskName?: string): Promise<number>;
  /** Deletes entries with `expiresAt <= now`; returns how many. */
  prune(now: string): Promise<number>;
}

/** The engine's query families; inside `transaction` they all run in that transaction. */
export interface RunStoreQueries {
  readonly jobs: JobQueries;
  readonly runs: RunQueries;
  readonly taskRuns: TaskRunQueries;
  readonly events: EventQueries;
  readonly logs: LogQueries;
  readonly cache: CacheQueries;
}

/**
 * What the engine runs a job on. Outside a transaction each query commits on
 * its own. `transaction` commits when `fn` resolves and rolls back when it
 * throws. Do not use the store itself (or start another transaction) inside
 * `fn`: use `tx`.
 */
export interface RunStore extends RunStoreQueries {
  transaction<T>(fn: (tx: RunStoreQueries) => Promise<T>): Promise<T>;
  /** Releases the database. */
  close(): Promise<void>;
}
