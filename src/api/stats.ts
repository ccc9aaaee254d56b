/** `GET /v1/stats` and `GET /v1/stats/summary`: rates are fractions (0…1). */

export interface StatsJson {
  jobs: { total: number; recent_runs: number; success_rate: number; avg_duration_seconds: number };
  top_failing: { job_id: string; alias: string; failure_count: number; last_failure: string }[];
  top_failing_atoms: { job_id: string; alias: string; atom_name: string; failure_count: number }[];
  slowest_jobs: { job_id: string; alias: string; avg_duration_seconds: number }[];
  /** One UTC day per day of the window, today last. */
  success_rate_trend: { date: string; run_count: number; success_rate: number }[];
}
