/** Backfills of a job's cron slots over a time range. */

/** Which slots already run are launched again: none, the failed ones, or all. */
export type ReprocessJson = 'none' | 'failed' | 'all';

/** `POST /v1/jobs/:id/backfill` as a client sends it. */
export interface BackfillRequestJson {
  /** RFC 3339. */
  start: string;
  end: string;
  /** ≤ 0 means 1. */
  max_concurrent?: number;
  reprocess?: ReprocessJson;
}

/** What `BACKFILL_REQUEST_SCHEMA` lets through: the server names a missing or unknown value itself. */
export type BackfillRequestBody = Partial<Omit<BackfillRequestJson, 'reprocess'>> & { reprocess?: string };

/** The JSON Schema of the backfill body. */
export const BACKFILL_REQUEST_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    start: { type: 'string' },
    end: { type: 'string' },
    max_concurrent: { type: 'integer' },
    reprocess: { type: 'string' },
  },
};

export interface BackfillJson {
  id: string;
  job_id: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  start: string;
  end: string;
  max_concurrent: number;
  reprocess: ReprocessJson;
  total_runs: number;
  completed_runs: number;
  failed_runs: number;
  cancel_requested_at?: string;
  completed_at?: string;
  created_at: string;
  updated_at: string;
}
