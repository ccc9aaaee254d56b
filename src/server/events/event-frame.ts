/**
 * One SSE message of `GET /v1/events` (observability.md §4.3):
 * `id: <sequence>` (omitted for sequence 0), `event: <type>`, `data: <json>`
 * where json is `{sequence?, type, job_id, run_id, task_id, timestamp, payload?}`
 * with the zero UUID for ids that do not apply.
 */
import type { EngineEvent } from '../../engine/ports/events.js';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** The SSE comment sent on connect and as a keep-alive. */
export const PING = ': ping\n\n';

/** The data JSON of an event whose `jobId` is the stable (REST) job id. */
function frameData(event: EngineEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (event.sequence > 0) out.sequence = event.sequence;
  out.type = event.type;
  out.job_id = event.jobId || ZERO_UUID;
  out.run_id = event.runId || ZERO_UUID;
  out.task_id = event.taskId ?? ZERO_UUID;
  out.timestamp = event.timestamp;
  if (event.type === 'task_log') {
    out.payload = { task_run_id: event.taskRunId, name: event.name, attempt: event.attempt, stream: event.stream, text: event.text };
  } else if (event.payload !== undefined && event.payload !== null) {
    out.payload = event.payload;
  }
  return out;
}

/** The whole SSE message. JSON never holds a raw newline, so one `data:` line suffices. */
export function sseMessage(event: EngineEvent): string {
  const id = event.sequence > 0 ? `id: ${event.sequence}\n` : '';
  return `${id}event: ${event.type}\ndata: ${JSON.stringify(frameData(event))}\n\n`;
}
