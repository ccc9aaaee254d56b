/** `POST /v1/admin/prune` and `GET /v1/jobs/:id/versions` (docs/retention.md). */

/** The optional body of `POST /v1/admin/prune`; absent members use the server's retention settings. */
export interface PruneRequestJson {
  /** Report what would go, delete nothing. */
  dry_run?: boolean;
  /** A duration (`30d`, `720h`): finished runs older than it go. */
  older_than?: string;
  /** Finished runs past this many newest of their job go. */
  keep_per_job?: number;
}

export interface PruneResponseJson {
  dry_run: boolean;
  /** The criteria applied. */
  older_than?: string;
  keep_per_job?: number;
  /** Runs deleted (or, with dry_run, that would be). */
  runs: number;
  /** Their ids, oldest first (at most the first 1000). */
  run_ids: string[];
}

/** One applied version of a job, newest first. */
export interface JobVersionJson {
  version: number;
  /** The version's row id (runs point at it). */
  job_version_id: string;
  content_hash: string;
  created_at: string;
  current: boolean;
  /** `source_id`, `repo`, `ref`, `commit`, `path` as applied; null when applied without one. */
  provenance: Record<string, string> | null;
}
