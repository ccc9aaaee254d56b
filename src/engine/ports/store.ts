/**
 * The store port: one async interface with a transaction scope and one small
 * module per query family. Adapters: in-memory sql.js (local runs), a SQLite
 * file (one server) and PostgreSQL (many servers).
 */
import type { Job, StringMap } from '../../jobdef/types.js';
import type { CatalogQueries } from './catalog.js';
import type { HookQueries } from './hooks.js';
import type { InsightQueries, InventoryQueries } from './inventory.js';
import type { BackfillQueries, TriggerStateQueries } from './scheduling.js';
import type { ExecutionEvent, ExecutionEventType, NewExecutionEvent } from './events.js';
import type { RunStatus, TaskRunStatus } from './status.js';
import type {
  AppliedJob,
  CacheEntry,
  CallbackRecord,
  CallbackRunRecord,
  CallbackRunStatus,
  EdgeRecord,
  JobRecord,
  LogSnapshot,
  NewTaskRun,
  OutstandingUpdate,
  RunOrigin,
  RunRecord,
  TaskRecord,
  TaskRunFinish,
  TaskRunRecord,
} from './store-records.js';

export type * from './store-records.js';
export type * from './catalog.js';
export type * from './hooks.js';
export type * from './inventory.js';
export type * from './scheduling.js';

/** Log snapshots keep at most this many bytes of raw text (execution.md §2.11). */
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
  create(run: { id?: string; jobId: string; params: StringMap; startedAt: string } & RunOrigin): Promise<RunRecord>;
  get(id: string): Promise<RunRecord | undefined>;
  finish(id: string, end: { status: Exclude<RunStatus, 'running'>; error: string | null; completedAt: string }): Promise<RunRecord>;
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
  markStarted(id: string, start: { runtimeId: string; startedAt: string }): Promise<TaskRunRecord>;
  /** A terminal write; only rows still pending or running change. */
  finish(id: string, end: TaskRunFinish): Promise<TaskRunRecord | undefined>;
  /** Back to pending with `attempt`; clears result, output, error and runtime id. */
  resetForRetry(id: string, retry: { attempt: number; notBefore: string | null }): Promise<TaskRunRecord>;
  /** Decrements the count of unfinished predecessors of each row. */
  decrementOutstanding(ids: readonly string[]): Promise<OutstandingUpdate[]>;
  statuses(ids: readonly string[]): Promise<{ id: string; status: TaskRunStatus }[]>;
  outputs(ids: readonly string[]): Promise<{ id: string; name: string; output: StringMap | null }[]>;
  /** Ends every pending or running row of a run with `status` and `error`; returns them. */
  resolveUnfinished(
    runId: string,
    end: { status: 'skipped' | 'cancelled'; error: string; completedAt: string },
  ): Promise<TaskRunRecord[]>;
}

export interface EventQueries {
  /** Persists events in order and returns them with their sequences. */
  append(events: readonly NewExecutionEvent[]): Promise<ExecutionEvent[]>;
  /** Events with `sequence > after`, oldest first. */
  list(query: { after?: number; runId?: string; jobId?: string; types?: readonly ExecutionEventType[]; limit?: number }): Promise<ExecutionEvent[]>;
  /** Deletes events whose timestamp is before `before` (ISO 8601); returns how many (D13 retention). */
  prune(before: string): Promise<number>;
}

export interface LogQueries {
  /** Saves (replaces) a task run's snapshot, capped at LOG_SNAPSHOT_MAX_BYTES. */
  save(snapshot: { taskRunId: string; runId: string; text: string; truncated: boolean; savedAt: string }): Promise<LogSnapshot>;
  get(taskRunId: string): Promise<LogSnapshot | undefined>;
  remove(taskRunId: string): Promise<void>;
}

export interface CallbackQueries {
  list(jobId: string): Promise<CallbackRecord[]>;
  startRun(start: { id?: string; callbackId: string; runId: string; startedAt: string }): Promise<CallbackRunRecord>;
  finishRun(id: string, end: { status: Exclude<CallbackRunStatus, 'pending' | 'running'>; error: string | null; completedAt: string }): Promise<CallbackRunRecord>;
  listRuns(runId: string): Promise<CallbackRunRecord[]>;
}

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

/** The query families; inside `transaction` they all run in that transaction. */
export interface StoreQueries {
  readonly jobs: JobQueries;
  readonly runs: RunQueries;
  readonly taskRuns: TaskRunQueries;
  readonly events: EventQueries;
  readonly logs: LogQueries;
  readonly callbacks: CallbackQueries;
  readonly cache: CacheQueries;
  /** Stable job identities and the server's read queries. */
  readonly catalog: CatalogQueries;
  /** The cron scheduler's cursor per job. */
  readonly triggerState: TriggerStateQueries;
  /** Backfills and their slots. */
  readonly backfills: BackfillQueries;
  /** Webhook triggers and accepted deliveries. */
  readonly hooks: HookQueries;
  /** Triggers and atoms of the catalog's jobs (the REST API's lists). */
  readonly inventory: InventoryQueries;
  /** Run statistics and worker claims. */
  readonly insights: InsightQueries;
}

/**
 * A store. Outside a transaction each query commits on its own. `transaction`
 * commits when `fn` resolves and rolls back when it throws. Do not use the
 * store itself (or start another transaction) inside `fn`: use `tx`.
 */
export interface Store extends StoreQueries {
  transaction<T>(fn: (tx: StoreQueries) => Promise<T>): Promise<T>;
  /** Releases the database. */
  close(): Promise<void>;
}
