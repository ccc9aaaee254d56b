/**
 * `GET /v1/events` from the client side: opens the server-sent event stream
 * and yields its messages (docs/decisions.md §4.3). Comments (`: ping`) are
 * keep-alives and are not yielded.
 */
import { request } from 'undici';
import type { EventJson } from '../api/event.js';
import { authorize, httpFailure, unreachable, urlOf, type HttpOptions } from './http.js';

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
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of body) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    pending = pending.replace(/\r\n?/g, '\n');
    for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
      const block = pending.slice(0, end);
      pending = pending.slice(end + 2);
      const message = parseBlock(block);
      if (message !== undefined) yield message;
    }
  }
}

function parseBlock(block: string): ServerEvent | undefined {
  let id: number | undefined;
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const at = line.indexOf(':');
    const field = at < 0 ? line : line.slice(0, at);
    const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
    if (field === 'id' && /^\d+$/.test(value)) id = Number(value);
    else if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { ...(id === undefined ? {} : { id }), type, data: JSON.parse(data.join('\n')) as EventJson };
}
