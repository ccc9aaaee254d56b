/**
 * One SSE message of `GET /v1/events` (docs/decisions.md §4.3):
 * `id: <sequence>` (omitted for sequence 0), `event: <type>`, `data: <json>`
 * where json is the `api/event.ts` frame, with the zero UUID for ids that do
 * not apply.
 */
import { ZERO_UUID, type EventJson, type TaskLogPayloadJson } from '../../api/event.js';
import type { EngineEvent } from '../../engine/ports/events.js';

/** The SSE comment sent on connect and as a keep-alive. */
export const PING = ': ping\n\n';

/** The data JSON of an event (its `jobId` is the job's stable id). */
function frameData(event: EngineEvent): EventJson {
  const frame: EventJson = {
    ...(event.sequence > 0 ? { sequence: event.sequence } : {}),
    type: event.type,
    job_id: event.jobId || ZERO_UUID,
    run_id: event.runId || ZERO_UUID,
    task_id: event.taskId ?? ZERO_UUID,
    timestamp: event.timestamp,
  };
  if (event.type === 'task_log') {
    const payload: TaskLogPayloadJson = {
      task_run_id: event.taskRunId,
      name: event.name,
      attempt: event.attempt,
      stream: event.stream,
      text: event.text,
    };
    return { ...frame, payload: { ...payload } };
  }
  return event.payload === undefined || event.payload === null ? frame : { ...frame, payload: { ...event.payload } };
}

/** The whole SSE message. JSON never holds a raw newline, so one `data:` line suffices. */
export function sseMessage(event: EngineEvent): string {
  const id = event.sequence > 0 ? `id: ${event.sequence}\n` : '';
  return `${id}event: ${event.type}\ndata: ${JSON.stringify(frameData(event))}\n\n`;
}
