/**
 * The job catalog: one stable identity per job alias across applied versions,
 * with what the server keeps about a job beyond its definition (pause flag,
 * provenance, retirement by prune), and the read queries of the REST API.
 */
import type { RunRecord, TaskRunRecord } from '../../engine/ports/store-records.js';
import type { JobSortColumn, SortKey } from './inventory.js';

/** Where a definition was applied from (docs/decisions.md D12: prune works per `sourceId`). */
export interface Provenance {
  sourceId: string;
  repo: string | null;
  ref: string | null;
  commit: string | null;
  path: string | null;
}

/** A job as the server lists it: its stable id and server-side state. */
export interface CatalogJob {
  /** Stable across re-applies of the alias. */
  id: string;
  alias: string;
  paused: boolean;
  provenance: Provenance | null;
  /** Set when `prune` retired the job; a later apply of the alias clears it. */
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The trigger row of one job version. */
export interface TriggerRecord {
  id: string;
  jobId: string;
  type: string;
  configuration: Record<string, unknown>;
  defaultParams: Record<string, string>;
}

/** The trigger that fired a run, as the run's JSON names it (docs/decisions.md §11.3). */
export interface RunTrigger {
  id: string;
  type: string;
  /** A trigger's alias is its job's alias. */
  alias: string;
}

/** A run with the alias of its job. */
export type AliasedRun = RunRecord & { alias: string };

/**
 * Which runs `GET /v1/runs` lists: `trigger` is a trigger type (`cron`, `http`…), `manual` (no trigger, no
 * backfill) or `backfill`; `since`/`until` bound `started_at` (ISO text, `until` exclusive).
 */
export interface RunFilter {
  status?: string;
  alias?: string;
  trigger?: string;
  since?: string;
  until?: string;
  limit: number;
  offset: number;
}

export interface CatalogQueries {
  /** Inserts the alias (its new id becomes its versions' `JobRecord.stableId`) or updates its provenance; clears `retiredAt`. */
  register(entry: { alias: string; provenance: Provenance | null; now: string }): Promise<CatalogJob>;
  get(id: string): Promise<CatalogJob | undefined>;
  byAlias(alias: string): Promise<CatalogJob | undefined>;
  /** Jobs whose id starts with `prefix` (at most `limit`). */
  byIdPrefix(prefix: string, limit: number): Promise<CatalogJob[]>;
  /**
   * Jobs not retired, by alias unless `orderBy` says otherwise; `triggerId`
   * keeps the job whose current version has that trigger.
   */
  list(page: {
    limit: number;
    offset: number;
    alias?: string;
    triggerId?: string;
    orderBy?: readonly SortKey<JobSortColumn>[];
  }): Promise<CatalogJob[]>;
  /** Jobs not retired applied from `sourceId`. */
  bySource(sourceId: string): Promise<CatalogJob[]>;
  setPaused(id: string, paused: boolean, now: string): Promise<CatalogJob | undefined>;
  retire(ids: readonly string[], now: string): Promise<void>;
  /** The trigger of a job version. */
  trigger(jobVersionId: string): Promise<TriggerRecord | undefined>;
  /** The triggers with these ids (a run's `triggerId`), each joined to its job version for the alias. */
  runTriggers(triggerIds: readonly string[]): Promise<RunTrigger[]>;
  /** Runs of every version of `alias`, newest first. */
  runs(alias: string, page: { limit: number; offset: number }): Promise<RunRecord[]>;
  /** A page of the runs of every job, newest first, and how many runs match in all. */
  listRuns(filter: RunFilter): Promise<{ runs: AliasedRun[]; total: number }>;
  /** Up to `perJob` newest runs of each alias, newest first per alias. */
  recentRuns(aliases: readonly string[], perJob: number): Promise<AliasedRun[]>;
  /** How many runs of `alias` are `running`. */
  runningCount(alias: string): Promise<number>;
  /** Every task run of the given runs, by run then position, in one query. */
  taskRunsOf(runIds: readonly string[]): Promise<TaskRunRecord[]>;
}
