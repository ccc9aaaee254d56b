/** Trigger, atom and stats JSON (server.md §11.2, §11.4), as the client reads it. */

/** Paging and `order_by` (`column [asc|desc]`, comma-separated) of the list endpoints. */
export interface ListQuery {
  limit?: number;
  offset?: number;
  order_by?: string;
}

interface ProvenanceMembers {
  provenance_source_id: string;
  provenance_repo: string;
  provenance_ref: string;
  provenance_commit: string;
  provenance_path: string;
}

export interface TriggerJson extends ProvenanceMembers {
  id: string;
  alias: string;
  type: string;
  /** A JSON string. */
  configuration: string;
  created_at: string;
  updated_at: string;
}

export interface AtomJson extends ProvenanceMembers {
  id: string;
  engine: string;
  image: string;
  /** A JSON array, as a string. */
  command: string;
  spec: { env?: Record<string, string>; workdir?: string; mounts?: Record<string, unknown>[]; [key: string]: unknown };
  replay_safe: boolean;
  created_at: string;
  updated_at: string;
}

export interface StatsJson {
  jobs: { total: number; recent_runs: number; success_rate: number; avg_duration_seconds: number };
  top_failing: { job_id: string; alias: string; failure_count: number; last_failure: string }[];
  top_failing_atoms: { job_id: string; alias: string; atom_name: string; failure_count: number }[];
  slowest_jobs: { job_id: string; alias: string; avg_duration_seconds: number }[];
  success_rate_trend: { date: string; run_count: number; success_rate: number }[];
}
