/**
 * The server's read-only inventory (docs/decisions.md §11.4): the triggers and atoms
 * of the jobs in the catalog, run statistics over a time window, and the task
 * claims of a worker node. A caesium atom is a step of a job version, so an
 * atom's id is its task id (the `atom_id` of task, DAG and callback JSON).
 */
import type { Provenance, TriggerRecord } from './catalog.js';
import type { JobRecord, TaskRecord } from '../../engine/ports/store-records.js';
import type { TaskRunStatus } from '../../engine/ports/status.js';

/** Columns a trigger list may be ordered by (never raw SQL). */
export const TRIGGER_SORT_COLUMNS = ['id', 'alias', 'type', 'created_at', 'updated_at'] as const;
export type TriggerSortColumn = (typeof TRIGGER_SORT_COLUMNS)[number];

/** Columns an atom list may be ordered by (never raw SQL). */
/** The columns `GET /v1/jobs?order_by=` accepts. */
export const JOB_SORT_COLUMNS = ['id', 'alias', 'paused', 'created_at', 'updated_at'] as const;
export type JobSortColumn = (typeof JOB_SORT_COLUMNS)[number];

export const ATOM_SORT_COLUMNS = ['id', 'engine', 'image', 'created_at', 'updated_at'] as const;
export type AtomSortColumn = (typeof ATOM_SORT_COLUMNS)[number];

export interface SortKey<C extends string> {
  column: C;
  direction: 'asc' | 'desc';
}

/** A page of a list; an empty `orderBy` keeps the list's default order. */
export interface ListPage<C extends string> {
  limit: number;
  offset: number;
  orderBy: readonly SortKey<C>[];
}

/** A trigger with what its JSON shows of its job version and catalog entry. */
export interface TriggerEntry extends TriggerRecord {
  alias: string;
  provenance: Provenance | null;
  /** When its job version was applied. */
  createdAt: string;
}

/** A step of a job version as an atom. */
export interface AtomEntry {
  task: TaskRecord;
  alias: string;
  provenance: Provenance | null;
  /** When its job version was applied. */
  createdAt: string;
}

export interface InventoryQueries {
  /** Triggers of the current versions of jobs not retired. */
  triggers(page: ListPage<TriggerSortColumn>): Promise<TriggerEntry[]>;
  /** A trigger of any version. */
  trigger(id: string): Promise<TriggerEntry | undefined>;
  /** Steps of the current versions of jobs not retired (of one engine when given). */
  atoms(page: ListPage<AtomSortColumn> & { engine?: string }): Promise<AtomEntry[]>;
  /** A step of any version. */
  atom(id: string): Promise<AtomEntry | undefined>;
  /** Job versions by id, in one query. */
  versions(ids: readonly string[]): Promise<JobRecord[]>;
}

/** A job of the run summary: by alias (every version), with its catalog id (null when not in the catalog). */
export interface SummaryJob {
  alias: string;
  jobId: string | null;
}

/** Aggregates over runs started since `since` (ISO 8601). */
export interface RunSummary {
  /** Jobs in the catalog not retired. */
  totalJobs: number;
  /** Runs (any status) started since `recentSince`. */
  recentRuns: number;
  /** Succeeded and failed runs started since `since`. */
  finished: number;
  succeeded: number;
  /** Mean duration of those finished runs, seconds (0 when none). */
  avgDurationSeconds: number;
  /** Jobs with the most failed runs (≤ `top`), with the newest failed run's start. */
  topFailing: (SummaryJob & { failures: number; lastFailure: string })[];
  /** Steps with the most failed task runs (≤ `top`). */
  topFailingSteps: (SummaryJob & { step: string; failures: number })[];
  /** Jobs with the longest mean finished-run duration (≤ `top`). */
  slowest: (SummaryJob & { avgDurationSeconds: number })[];
  /** Finished runs started since `daysSince`, per UTC day (`YYYY-MM-DD`); days without runs are absent. */
  perDay: { date: string; finished: number; succeeded: number }[];
}

/** What the claims of one worker (a set of `claimed_by` values) add up to. */
export interface WorkerClaims {
  byStatus: { status: TaskRunStatus; count: number; attempts: number }[];
  /** The newest start or completion of a claimed task run. */
  lastActivityAt: string | null;
  /** Claims still held (status `running`), newest first. */
  active: { runId: string; taskId: string; status: TaskRunStatus; attempt: number; updatedAt: string }[];
}

export interface InsightQueries {
  runSummary(window: { since: string; recentSince: string; daysSince: string; top: number }): Promise<RunSummary>;
  workerClaims(claimedBy: readonly string[], activeLimit: number): Promise<WorkerClaims>;
}
