/** `GET …/logs?task_id=…&follow=true` from the client side: the log follow stream (docs/live-logs.md). */
import { request } from 'undici';
import type { LogFollowMessage } from '../api/log.js';
import { authorize, httpFailure, unreachable, urlOf, type HttpOptions } from './http.js';
import { sseMessages } from './sse.js';

/** Silence longer than this (four missed pings) ends the stream with an error. */
const IDLE_MS = 60_000;
const KNOWN = new Set(['log', 'gap', 'end']);

/** An open follow stream: iterate for its messages (it ends after `end`); `close` ends it early. */
export interface LogStream extends AsyncIterable<LogFollowMessage> {
  close(): void;
}

/** Resolves once the server accepted the stream. */
export async function openLogStream(options: HttpOptions, path: string): Promise<LogStream> {
  const url = urlOf(options, path);
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  authorize(options, headers);
  let response;
  try {
    response = await request(url, { method: 'GET', headers, headersTimeout: options.timeoutMs, bodyTimeout: IDLE_MS });
  } catch (error) {
    throw unreachable(options, url, error);
  }
  if (response.statusCode >= 400) throw httpFailure(`GET ${path}`, response.statusCode, await response.body.text(), url);
  const body = response.body;
  async function* messages(): AsyncGenerator<LogFollowMessage> {
    for await (const m of sseMessages(body)) if (KNOWN.has(m.type)) yield m as LogFollowMessage;
  }
  return { [Symbol.asyncIterator]: messages, close: () => void body.destroy() };
}
