/** Retention of finished runs and the definition history (docs/retention.md). */

/** Which finished runs may go: older than `finishedBefore`, or past the newest `keepPerJob` of their job. */
export interface PruneCriteria {
  /** ISO time: runs that completed before it. */
  finishedBefore?: string;
  /** Runs beyond this many newest finished ones of the same job (all its versions). */
  keepPerJob?: number;
  /** At most this many ids (one batch). */
  limit: number;
}

/** One applied version of a job, newest first in a listing. */
export interface JobVersionEntry {
  /** The version's row id (what runs point at). */
  id: string;
  version: number;
  contentHash: string;
  createdAt: string;
  current: boolean;
  /** The provenance it was applied with (null: none, or applied before it was recorded). */
  provenance: Record<string, string> | null;
}

export interface RetentionQueries {
  /** Finished runs the criteria select, oldest first; never a run that is not finished. */
  prunable(criteria: PruneCriteria): Promise<string[]>;
  /** Deletes these runs with their task runs, logs, events and callback deliveries (one batch); returns how many runs went. */
  deleteRuns(runIds: readonly string[]): Promise<number>;
  /** Records the provenance a job version was applied with. */
  recordSource(jobVersionId: string, provenance: Record<string, string> | null): Promise<void>;
  /** Every version of the job whose stable id is `stableId`, newest first. */
  versions(stableId: string): Promise<JobVersionEntry[]>;
}
