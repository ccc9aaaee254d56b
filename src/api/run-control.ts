/**
 * Run control: cancelling a running run (`POST /v1/jobs/:id/runs/:run_id/cancel`)
 * and retrying a finished one (`POST …/retry`), both answered with the run JSON.
 */

/** `POST …/cancel`: an optional body naming who cancels (default `api`). */
export interface CancelRequestJson {
  /** Recorded as the run's `cancelled_by` (1…200 characters). */
  by?: string;
}

export const CANCEL_REQUEST_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: { by: { type: 'string', minLength: 1, maxLength: 200 } },
};

/**
 * `POST …/retry`: an optional body. Without `from`, every task that did not
 * succeed re-runs; with it, that step and (unless `downstream` is false)
 * everything downstream of it. Every other task keeps its result.
 */
export interface RetryRequestJson {
  /** The step to re-run from (a step name of the run's job version). */
  from?: string;
  /** With `from`: re-run what depends on it too (default true). */
  downstream?: boolean;
}

export const RETRY_REQUEST_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: { from: { type: 'string', minLength: 1, maxLength: 200 }, downstream: { type: 'boolean' } },
};

/** The latest retry of a run, in the run JSON (`retry`). */
export interface RunRetryJson {
  /** When the current attempt began. */
  started_at: string;
  /** The step the retry started from; absent when it re-ran every task that had not succeeded. */
  from?: string;
  downstream: boolean;
  /** Steps whose results the retry kept, in step order. */
  kept: string[];
  /** Steps the retry re-ran, in step order. */
  rerun: string[];
  /** How the attempt before this one ended. */
  previous_status: 'succeeded' | 'failed' | 'cancelled';
  previous_error?: string;
  previous_completed_at?: string;
}
