/**
 * The `http` transport: POSTs each event as JSON to an OpenLineage endpoint
 * (Marquez: `…/api/v1/lineage`), through its own connection pool, with a
 * per-attempt timeout and retries with exponential backoff.
 */
import { Agent, request } from 'undici';
import type { RunEvent } from '../run-event.js';
import type { LineageTransport } from './transport.js';
import { errorText } from '../../../errors.js';

export interface HttpTransportOptions {
  /** The endpoint, used as given apart from trailing `/` (trimmed). */
  url: string;
  /** Extra request headers (they may override `Content-Type`). */
  headers?: Readonly<Record<string, string>>;
  /** Per-attempt timeout, connection to end of body (default 5 s). */
  timeoutMs?: number;
  /** Attempts in total, the first included (default 3; 0 means 3). */
  attempts?: number;
  /** The first retry waits this long, each next one twice as long (default 100 ms). */
  backoffMs?: number;
  /** Hears about each failed attempt that will be retried. */
  onRetry?: (attempt: number, error: Error) => void;
}

export const DEFAULT_HTTP_TIMEOUT_MS = 5_000;
export const DEFAULT_HTTP_ATTEMPTS = 3;
const DEFAULT_BACKOFF_MS = 100;

/** Creates the transport; `close()` aborts what is in flight and closes its sockets. */
export function createHttpTransport(options: HttpTransportOptions): LineageTransport {
  const url = options.url.trim().replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs !== undefined && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_HTTP_TIMEOUT_MS;
  const attempts = options.attempts !== undefined && options.attempts > 0 ? Math.floor(options.attempts) : DEFAULT_HTTP_ATTEMPTS;
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const headers = { 'content-type': 'application/json', ...lowerCased(options.headers ?? {}) };
  const agent = new Agent({ connect: { timeout: timeoutMs } });
  const closing = new AbortController();

  const post = async (body: string): Promise<void> => {
    const signal = AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]);
    try {
      const response = await request(url, { method: 'POST', headers, body, dispatcher: agent, signal });
      await response.body.dump();
      if (response.statusCode < 200 || response.statusCode >= 300) throw new Error(`lineage: ${url} responded ${response.statusCode}`);
    } catch (error) {
      if (signal.aborted && !closing.signal.aborted) throw new Error(`lineage: POST ${url} timed out after ${timeoutMs} ms`);
      if (closing.signal.aborted) throw new Error(`lineage: POST ${url} abandoned: transport closed`);
      throw error instanceof Error && error.message.startsWith('lineage:')
        ? error
        : new Error(`lineage: POST ${url} failed: ${errorText(error)}`);
    }
  };

  return {
    name: 'http',
    async emit(event: RunEvent): Promise<void> {
      const body = JSON.stringify(event);
      for (let attempt = 1; ; attempt++) {
        try {
          return await post(body);
        } catch (error) {
          const failure = error as Error;
          if (attempt >= attempts || closing.signal.aborted)
            throw new Error(`${failure.message} (attempt ${attempt} of ${attempts})`, { cause: failure });
          options.onRetry?.(attempt, failure);
          await sleep(backoffMs * 2 ** (attempt - 1), closing.signal);
        }
      }
    },
    async close() {
      closing.abort();
      await agent.close();
    },
  };
}

/** Header names are case-insensitive; lower-casing lets a user header replace ours. */
function lowerCased(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
