/**
 * `GET /v1/events` from the client side: opens the server-sent event stream
 * and yields its messages (docs/decisions.md §4.3). Comments (`: ping`) are
 * keep-alives and are not yielded.
 */
import { request } from 'undici';
import type { EventJson } from '../api/event.js';
import { authorize, httpFailure, unreachable, urlOf, type HttpOptions } from './http.js';
import { sseMessages } from './sse.js';

/** One message: `id` is the event sequence (absent for live-only events such as `task_log`). */
export interface ServerEvent {
  id?: number;
  type: string;
  data: EventJson;
}

export interface EventQuery {
  jobId?: string;
  runId?: string;
  types?: readonly string[];
  /** Replay persisted events after this sequence (sent as `Last-Event-ID`); absent: live only. */
  after?: number;
}

/** Silence longer than this (four missed pings) ends the stream with an error. */
const IDLE_MS = 60_000;

/** An open stream: iterate for its messages; `close` ends it (also after a `break`). */
export interface EventStream extends AsyncIterable<ServerEvent> {
  close(): void;
}

/** Resolves once the server accepted the stream (it is subscribed from then on). */
export async function openEventStream(options: HttpOptions, query: EventQuery): Promise<EventStream> {
  const params = new URLSearchParams();
  if (query.jobId !== undefined) params.set('job_id', query.jobId);
  if (query.runId !== undefined) params.set('run_id', query.runId);
  if (query.types !== undefined && query.types.length > 0) params.set('types', query.types.join(','));
  const path = `/v1/events${params.size === 0 ? '' : `?${params.toString()}`}`;
  const url = urlOf(options, path);
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (query.after !== undefined) headers['last-event-id'] = String(query.after);
  authorize(options, headers);
  let response;
  try {
    response = await request(url, {
      method: 'GET',
      headers,
      headersTimeout: options.timeoutMs,
      bodyTimeout: IDLE_MS,
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    });
  } catch (error) {
    throw unreachable(options, url, error);
  }
  if (response.statusCode >= 400) throw httpFailure(`GET ${path}`, response.statusCode, await response.body.text(), url);
  const body = response.body;
  return { [Symbol.asyncIterator]: () => messages(body), close: () => void body.destroy() };
}

async function* messages(body: AsyncIterable<Buffer | string>): AsyncGenerator<ServerEvent> {
  for await (const m of sseMessages(body)) yield { ...(m.id === undefined ? {} : { id: m.id }), type: m.type, data: m.data as EventJson };
}
