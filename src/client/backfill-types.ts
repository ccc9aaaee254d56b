/** Backfill JSON (server.md §10, D16 snake_case). */

/** `POST /v1/jobs/:id/backfill` body. */
export interface BackfillRequestJson {
  /** RFC 3339. */
  start: string;
  end: string;
  /** ≤ 0 means 1. */
  max_concurrent?: number;
  reprocess?: 'none' | 'failed' | 'all';
}

export interface BackfillJson {
  id: string;
  job_id: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  start: string;
  end: string;
  max_concurrent: number;
  reprocess: 'none' | 'failed' | 'all';
  total_runs: number;
  completed_runs: number;
  failed_runs: number;
  cancel_requested_at?: string;
  completed_at?: string;
  created_at: string;
  updated_at: string;
}
