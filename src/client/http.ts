/** One HTTP exchange with the server over undici, turned into text or a `ClientError`; event-stream.ts shares its URL, auth and error helpers. */
import { Agent, request, type Dispatcher } from 'undici';
import { ClientError } from './client-error.js';
import { errorText } from '../errors.js';

export interface HttpOptions {
  baseUrl: string;
  apiKey: string | undefined;
  timeoutMs: number;
  /** Verifies HTTPS against a private CA (`CAESIUM_CA_CERT`); undefined: the system's CAs. */
  dispatcher?: Dispatcher;
}

/** A dispatcher that trusts the CA certificate(s) in `pem` for HTTPS. */
export const caDispatcher = (pem: string | Buffer): Dispatcher => new Agent({ connect: { ca: pem } });

/** A response the caller accepted (status < 400). */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Sends one request; rejects with `ClientError` when unreachable or on a status ≥ 400. */
export async function send(options: HttpOptions, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<HttpResponse> {
  const url = urlOf(options, path);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  authorize(options, headers);
  let response;
  try {
    response = await request(url, {
      method,
      headers,
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
      body: body === undefined ? undefined : JSON.stringify(body),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  } catch (error) {
    throw unreachable(options, url, error);
  }
  const text = await response.body.text();
  if (response.statusCode >= 400) throw httpFailure(`${method} ${path}`, response.statusCode, text, url);
  return { status: response.statusCode, headers: response.headers, text };
}

/** `path` resolved against the server's base URL. */
export function urlOf(options: HttpOptions, path: string): string {
  return new URL(path, options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`).toString();
}

/** Adds the API key to `headers` as a bearer token, when there is one. */
export function authorize(options: HttpOptions, headers: Record<string, string>): void {
  if (options.apiKey !== undefined && options.apiKey !== '') headers.authorization = `Bearer ${options.apiKey}`;
}

/** The error of a request that got no response (`error` is what undici threw). */
export function unreachable(options: HttpOptions, url: string, error: unknown): ClientError {
  const reason = (error as { code?: string }).code ?? errorText(error);
  return new ClientError('unreachable', `cannot reach the caesium server at ${options.baseUrl} (${reason})`, { url, cause: error });
}

/** The error of a response with status ≥ 400; `what` reads `METHOD /path`. */
export function httpFailure(what: string, status: number, text: string, url: string): ClientError {
  return new ClientError('http', `${what} failed (${status}): ${text.trim()}`, { status, body: text, url });
}
