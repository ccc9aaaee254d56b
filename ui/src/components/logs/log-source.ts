/**
 * Where a log viewer reads a task's log: `GET /v1/jobs/:id/runs/:run_id/logs?task_id=…`, as plain text once
 * the task ended, or followed live (`follow=true`, server-sent `log`/`gap`/`end` events) while it runs.
 * Requests carry the session's API key (api.ts).
 */
import type { LogEndJson, LogGapJson, LogLinesJson } from '../../../../src/api/index.js';
import { ApiError, authHeaders } from '../../api.js';
import { UNAUTHORIZED_EVENT } from '../../auth/session.js';
import { parseSse, type SseMessage } from '../../lib/sse.js';

/** The plain log: its text, or why there is none (`X-Caesium-Log-State` of a 204: pending, empty, unavailable). */
export type PlainLog = { text: string; truncated: boolean } | { state: string };

export interface FollowHandlers {
  lines: (m: LogLinesJson) => void;
  gap: (m: LogGapJson) => void;
  end: (m: LogEndJson) => void;
}

/** The reads a viewer makes; the UI's is `httpLogSource`, tests give their own. */
export interface LogSource {
  plain: (signal: AbortSignal) => Promise<PlainLog>;
  /** Resolves when the stream closes: after `end`, or early when the connection dropped. */
  follow: (handlers: FollowHandlers, signal: AbortSignal) => Promise<void>;
}

async function failure(res: Response): Promise<ApiError> {
  if (res.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  const text = await res.text().catch(() => '');
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') message = body.message;
  } catch {
    if (text !== '') message = text;
  }
  return new ApiError(message, res.status);
}

/** The log of task `taskId` (task id or step name) of run `runId` of job `jobId`, over HTTP. */
export function httpLogSource(jobId: string, runId: string, taskId: string): LogSource {
  const url = `/v1/jobs/${encodeURIComponent(jobId)}/runs/${encodeURIComponent(runId)}/logs?task_id=${encodeURIComponent(taskId)}`;
  return {
    async plain(signal) {
      const res = await fetch(url, { headers: { accept: 'text/plain', ...authHeaders() }, signal });
      if (!res.ok) throw await failure(res);
      if (res.status === 204) return { state: res.headers.get('x-caesium-log-state') ?? 'empty' };
      return { text: await res.text(), truncated: res.headers.get('x-caesium-log-truncated') === 'true' };
    },
    async follow(handlers, signal) {
      const res = await fetch(`${url}&follow=true`, { headers: { accept: 'text/event-stream', ...authHeaders() }, signal });
      if (!res.ok) throw await failure(res);
      if (res.body === null) return;
      for await (const m of sseMessages(res.body)) {
        if (m.type === 'log') handlers.lines(m.data as LogLinesJson);
        else if (m.type === 'gap') handlers.gap(m.data as LogGapJson);
        else if (m.type === 'end') handlers.end(m.data as LogEndJson);
      }
    },
  };
}

/** The messages of an event stream (read with the UI's parser, lib/sse.ts) until it closes. */
export async function* sseMessages(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const { messages, rest } = parseSse(pending + decoder.decode(value, { stream: true }));
      pending = rest;
      yield* messages;
    }
  } finally {
    reader.releaseLock();
  }
}
