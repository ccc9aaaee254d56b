/** `GET /v1/jobs/:id/cache`: the task-cache entries of a job's steps, newest first. */

export interface CacheEntriesJson {
  entries: CacheEntryJson[];
}

export interface CacheEntryJson {
  /** The identity hash the entry is stored under. */
  hash: string;
  task_name: string;
  result: string;
  /** The run, and the task run, that executed the task and stored the entry. */
  run_id: string;
  task_run_id: string;
  /** `YYYY-MM-DDTHH:MM:SSZ`. */
  created_at: string;
  /** Absent when the entry never expires. */
  expires_at?: string;
}
