/**
 * The `notification` callback (docs/decisions.md §7): one POST of the run's
 * JSON to `url` (or `webhook_url`) with `Content-Type: application/json`, an
 * optional `User-Agent` from `user_agent` and the extra `headers`. Anything
 * but a 2xx answer within the timeout is a failure, returned as its message.
 */
import { request } from 'undici';

/** How long one attempt may take, headers and body together (docs/decisions.md §7: 10 s). */
export const NOTIFICATION_TIMEOUT_MS = 10_000;

/** The most response body quoted in an error (docs/decisions.md §7). */
const ERROR_BODY_BYTES = 4096;

/** Where and how to POST, read from a callback's `configuration`. */
export interface NotificationTarget {
  url: string;
  headers: Record<string, string>;
}

/** The target of a `notification` configuration, or the error that makes it unusable. */
export function notificationTarget(configuration: Record<string, unknown>): NotificationTarget | { error: string } {
  const url = nonEmpty(configuration.url) ?? nonEmpty(configuration.webhook_url);
  if (url === undefined) return { error: 'notification requires url or webhook_url' };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const userAgent = nonEmpty(configuration.user_agent);
  if (userAgent !== undefined) headers['user-agent'] = userAgent;
  const extra = configuration.headers;
  if (extra !== null && typeof extra === 'object' && !Array.isArray(extra)) {
    for (const [name, value] of Object.entries(extra as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') headers[name.toLowerCase()] = String(value);
    }
  }
  return { url, headers };
}

/** POSTs `body`; resolves to `undefined` on a 2xx answer, else to the error message. Never rejects. */
export async function postNotification(
  target: NotificationTarget,
  body: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<string | undefined> {
  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal === undefined ? [] : [options.signal])];
  try {
    const response = await request(target.url, {
      method: 'POST',
      headers: target.headers,
      body,
      signal: AbortSignal.any(signals),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    if (response.statusCode >= 200 && response.statusCode < 300) {
      await response.body.dump();
      return undefined;
    }
    const text = Buffer.from(await response.body.arrayBuffer())
      .subarray(0, ERROR_BODY_BYTES)
      .toString('utf8');
    return `webhook responded ${response.statusCode}: ${text.trim()}`;
  } catch (error) {
    if (options.signal?.aborted === true) return `POST ${target.url}: the server is shutting down`;
    if (isTimeout(error)) return `POST ${target.url}: no answer within ${options.timeoutMs / 1000}s`;
    return `POST ${target.url}: ${reason(error)}`;
  }
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; code?: string };
  return e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT';
}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.message ?? e.cause?.code;
  if (cause !== undefined) return cause;
  return e.message ?? e.code ?? String(error);
}
