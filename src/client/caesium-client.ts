/**
 * A typed REST client of the caesium server (server.md §11). Sends
 * `Authorization: Bearer <key>` when an API key is set (D14).
 */
import type { ApplyRequestJson, ApplyResponseJson, JobJson, RunJson, TaskLogJson } from './types.js';
import { send, type HttpOptions } from './http.js';

/** The server the CLI talks to unless `--server` says otherwise. */
export const DEFAULT_SERVER_URL = 'http://localhost:8080';

export interface ClientOptions {
  /** e.g. `http://localhost:8080`. */
  baseUrl?: string;
  apiKey?: string;
  /** Per-request header and body timeout (default 30 s). */
  timeoutMs?: number;
}

/** One server. Every method rejects with `ClientError`. */
export class CaesiumClient {
  readonly #http: HttpOptions;

  constructor(options: ClientOptions = {}) {
    this.#http = { baseUrl: options.baseUrl ?? DEFAULT_SERVER_URL, apiKey: options.apiKey, timeoutMs: options.timeoutMs ?? 30_000 };
  }

  /** The base URL. */
  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  /** `GET /health`. */
  health(): Promise<{ status: string }> {
    return this.#json('GET', '/health');
  }

  /** `POST /v1/jobdefs/apply`. */
  apply(request: ApplyRequestJson): Promise<ApplyResponseJson> {
    return this.#json('POST', '/v1/jobdefs/apply', request);
  }

  /** `GET /v1/jobs` (paged; `alias` filters). */
  listJobs(query: { limit?: number; offset?: number; alias?: string } = {}): Promise<JobJson[]> {
    return this.#json('GET', `/v1/jobs${queryString(query)}`);
  }

  /** `GET /v1/jobs/:id` (a unique id prefix works too). */
  getJob(id: string): Promise<JobJson> {
    return this.#json('GET', `/v1/jobs/${encodeURIComponent(id)}`);
  }

  /** `POST /v1/jobs/:id/run`: resolves with the created run. */
  startRun(jobId: string, body: { params?: Record<string, string> } = {}): Promise<RunJson> {
    return this.#json('POST', `/v1/jobs/${encodeURIComponent(jobId)}/run`, body);
  }

  /** `GET /v1/jobs/:id/runs`, newest first. */
  listRuns(jobId: string, query: { limit?: number; offset?: number } = {}): Promise<RunJson[]> {
    return this.#json('GET', `/v1/jobs/${encodeURIComponent(jobId)}/runs${queryString(query)}`);
  }

  /** `GET /v1/jobs/:id/runs/:run_id`. */
  getRun(jobId: string, runId: string): Promise<RunJson> {
    return this.#json('GET', `/v1/jobs/${encodeURIComponent(jobId)}/runs/${encodeURIComponent(runId)}`);
  }

  /** `GET /v1/jobs/:id/runs/:run_id/logs?task_id=`: the persisted snapshot. */
  async taskLog(jobId: string, runId: string, taskId: string): Promise<TaskLogJson> {
    const path = `/v1/jobs/${encodeURIComponent(jobId)}/runs/${encodeURIComponent(runId)}/logs${queryString({ task_id: taskId })}`;
    const res = await send(this.#http, 'GET', path);
    const header = (name: string): string | undefined => {
      const v = res.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    return { text: res.status === 204 ? undefined : res.text, state: header('x-caesium-log-state'), truncated: header('x-caesium-log-truncated') === 'true' };
  }

  async #json<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const res = await send(this.#http, method, path, body);
    return JSON.parse(res.text) as T;
  }
}

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
