/**
 * The UI's fetch layer: every request of the UI goes through `request`, typed with the wire types of src/api/
 * (type imports only: nothing of the server is bundled). It sends the session's API key and turns a 401 into a
 * return to the login page.
 */
import type { AuthStatusJson, DagJson, HealthJson, JobDetailJson, JobListEntryJson, RunJson, RunRequestJson } from '../../src/api/index.js';
import { readApiKey, UNAUTHORIZED_EVENT } from './auth/session.js';

/** A failed request: the server's `message` when it sent one, and the HTTP status (0: no answer). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Headers every request carries: the bearer key when the tab has one. */
export function authHeaders(): Record<string, string> {
  const key = readApiKey();
  return key === undefined ? {} : { authorization: `Bearer ${key}` };
}

/** One JSON request; the answer's body typed as `T`. */
export async function request<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  const sent: Record<string, string> = { accept: 'application/json', ...authHeaders(), ...(headers as Record<string, string>) };
  if (json !== undefined) sent['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { ...rest, headers: sent, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
  } catch (error) {
    throw new ApiError(`the server did not answer (${error instanceof Error ? error.message : String(error)})`, 0);
  }
  if (res.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  const text = await res.text();
  const body: unknown = text === '' ? undefined : safeJson(text);
  if (!res.ok) {
    const message =
      typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : `${res.status} ${res.statusText}`;
    throw new ApiError(message, res.status);
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const enc = encodeURIComponent;

export const api = {
  health: () => request<HealthJson>('/health'),
  authStatus: () => request<AuthStatusJson>('/auth/status'),
  jobs: () => request<JobListEntryJson[]>('/v1/jobs'),
  job: (id: string) => request<JobDetailJson>(`/v1/jobs/${enc(id)}`),
  dag: (id: string) => request<DagJson>(`/v1/jobs/${enc(id)}/dag`),
  run: (jobId: string, runId: string) => request<RunJson>(`/v1/jobs/${enc(jobId)}/runs/${enc(runId)}`),
  startRun: (jobId: string, body: RunRequestJson) => request<RunJson>(`/v1/jobs/${enc(jobId)}/run`, { method: 'POST', json: body }),
};
