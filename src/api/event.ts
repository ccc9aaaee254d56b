/**
 * One message of the `GET /v1/events` stream: `id: <sequence>`
 * (omitted for sequence 0), `event: <type>`, `data: <EventJson>`. Ids that
 * do not apply are the zero UUID.
 */

export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** The `data` of one message. */
export interface EventJson {
  /** The persisted event's sequence; absent for live-only events (`task_log`). */
  sequence?: number;
  /** An execution event type (`run_started`, `task_succeeded`, …) or `task_log`. */
  type: string;
  /** The job's stable id. */
  job_id: string;
  run_id: string;
  task_id: string;
  timestamp: string;
  /** The event's payload: run or task-run JSON for execution events, `TaskLogPayloadJson` for `task_log`. */
  payload?: Record<string, unknown>;
}

/** The payload of a `task_log` message: one line of a task's output. */
export interface TaskLogPayloadJson {
  task_run_id: string;
  name: string;
  attempt: number;
  /** `system`: a line written by caesium itself (warnings). */
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
}
