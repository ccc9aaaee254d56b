/**
 * Run control: cancelling a running run (`POST /v1/jobs/:id/runs/:run_id/cancel`),
 * answered with the run JSON.
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
