/** One HTTP exchange with the server over undici, turned into text or a `ClientError`. */
import { request } from 'undici';
import { ClientError } from './client-error.js';

export interface HttpOptions {
  baseUrl: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

/** A response the caller accepted (status < 400). */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Sends one request; rejects with `ClientError` when unreachable or on a status ≥ 400. */
export async function send(options: HttpOptions, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<HttpResponse> {
  const url = new URL(path, options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`).toString();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.apiKey !== undefined && options.apiKey !== '') headers.authorization = `Bearer ${options.apiKey}`;
  let response;
  try {
    response = await request(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code ?? (error instanceof Error ? error.message : String(error));
    throw new ClientError('unreachable', `cannot reach the caesium server at ${options.baseUrl} (${reason})`, { url, cause: error });
  }
  const text = await response.body.text();
  if (response.statusCode >= 400) {
    throw new ClientError('http', `${method} ${path} failed (${response.statusCode}): ${text.trim()}`, { status: response.statusCode, body: text, url });
  }
  return { status: response.statusCode, headers: response.headers, text };
}
