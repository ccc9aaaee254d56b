/**
 * A typed REST client of the caesium server: it sends and returns the `api/`
 * wire types. Sends `Authorization: Bearer <key>` when an API key is set.
 */
import type {
  JobVersionJson,
  PruneRequestJson,
  PruneResponseJson,
  ApiKeyJson,
  AuditEntryJson,
  CreatedKeyJson,
  CreateKeyRequestJson,
  ApplyRequestJson,
  ApplyResponseJson,
  AtomJson,
  BackfillJson,
  BackfillRequestJson,
  CancelRequestJson,
  RetryRequestJson,
  DiffRequestJson,
  DiffResponseJson,
  HealthJson,
  JobDetailJson,
  JobListEntryJson,
  RunJson,
  RunRequestJson,
  StatsJson,
  TaskDescriptorJson,
  SystemNodesJson,
  TriggerJson,
} from '../api/index.js';
import { caDispatcher, send, type HttpOptions } from './http.js';
import { openEventStream, type EventQuery, type EventStream } from './event-stream.js';
import { openLogStream, type LogStream } from './log-stream.js';

/** The server the CLI talks to unless `--server` says otherwise. */
export const DEFAULT_SERVER_URL = 'http://localhost:8080';

export interface ClientOptions {
  /** e.g. `http://localhost:8080`. */
  baseUrl?: string;
  apiKey?: string;
  /** Per-request header and body timeout (default 30 s). */
  timeoutMs?: number;
  /** PEM of a private CA that signed the server's certificate (instead of the system's CAs). */
  caCert?: string | Buffer;
}

/** Paging and `order_by` (`column [asc|desc]`, comma-separated) of the list endpoints. */
export interface ListQuery {
  limit?: number;
  offset?: number;
  order_by?: string;
}

/** A task log snapshot as `taskLog` reads it from the body and headers (`text` undefined when the server answered 204). */
export interface TaskLogJson {
  text: string | undefined;
  state: string | undefined;
  truncated: boolean;
}

/** One server. Every method rejects with `ClientError`. */
export class CaesiumClient {
  readonly #http: HttpOptions;

  constructor(options: ClientOptions = {}) {
    this.#http = {
      baseUrl: options.baseUrl ?? DEFAULT_SERVER_URL,
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs ?? 30_000,
      ...(options.caCert === undefined ? {} : { dispatcher: caDispatcher(options.caCert) }),
    };
  }

  /** The base URL. */
  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  /** `GET /health`. */
  health(): Promise<HealthJson> {
    return this.#json('GET', '/health');
  }

  /** `POST /v1/auth/keys`: the plaintext key is in the answer only. */
  createKey(request: CreateKeyRequestJson): Promise<CreatedKeyJson> {
    return this.#json('POST', '/v1/auth/keys', request);
  }

  /** `GET /v1/auth/keys`, newest first. */
  listKeys(): Promise<ApiKeyJson[]> {
    return this.#json('GET', '/v1/auth/keys');
  }

  /** `POST /v1/auth/keys/:id/revoke`. */
  revokeKey(id: string): Promise<{ status: string }> {
    return this.#json('POST', `/v1/auth/keys/${encodeURIComponent(id)}/revoke`);
  }

  /** `POST /v1/auth/keys/:id/rotate`: a new key; the old one expires after `grace_period` (default 24h). */
  rotateKey(id: string, gracePeriod?: string): Promise<CreatedKeyJson> {
    return this.#json(
      'POST',
      `/v1/auth/keys/${encodeURIComponent(id)}/rotate`,
      gracePeriod === undefined ? {} : { grace_period: gracePeriod },
    );
  }

  /** `GET /v1/auth/audit`, newest first. */
  audit(query: { since?: string; actor?: string; action?: string; limit?: number } = {}): Promise<AuditEntryJson[]> {
    return this.#json('GET', `/v1/auth/audit${queryString(query)}`);
  }

  /** `POST /v1/jobdefs/apply`. */
  apply(request: ApplyRequestJson): Promise<ApplyResponseJson> {
    return this.#json('POST', '/v1/jobdefs/apply', request);
  }

  /** `POST /v1/jobdefs/diff`: what applying `request` would change (nothing is written). */
  diff(request: DiffRequestJson): Promise<DiffResponseJson> {
    return this.#json('POST', '/v1/jobdefs/diff', request);
  }

  /** `GET /v1/jobs` (paged; `alias` filters). */
  listJobs(query: { limit?: number; offset?: number; alias?: string } = {}): Promise<JobListEntryJson[]> {
    return this.#json('GET', `/v1/jobs${queryString(query)}`);
  }

  /** `GET /v1/jobs/:id` (a unique id prefix works too). */
  getJob(id: string): Promise<JobDetailJson> {
    return this.#json('GET', `/v1/jobs/${encodeURIComponent(id)}`);
  }

  /** `POST /v1/jobs/:id/run`: resolves with the created run. */
  startRun(jobId: string, body: RunRequestJson = {}): Promise<RunJson> {
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

  /** `POST /v1/jobs/:id/runs/:run_id/cancel`: resolves with the run once it recorded its end (or as it stands after 20 s). */
  cancelRun(jobId: string, runId: string, body: CancelRequestJson = {}): Promise<RunJson> {
    return this.#json('POST', `/v1/jobs/${encodeURIComponent(jobId)}/runs/${encodeURIComponent(runId)}/cancel`, body);
  }

  /** `POST /v1/jobs/:id/runs/:run_id/retry`: the run reopened as its next attempt (202). */
  retryRun(jobId: string, runId: string, body: RetryRequestJson = {}): Promise<RunJson> {
    return this.#json('POST', `/v1/jobs/${encodeURIComponent(jobId)}/runs/${encodeURIComponent(runId)}/retry`, body);
  }

  /** `GET /v1/jobs/:id/runs/:run_id/tasks/:task_id/descriptor`: the launch the server recorded (`task_id`: task id or step name). */
  taskDescriptor(jobId: string, runId: string, taskId: string): Promise<TaskDescriptorJson> {
    const path = `/v1/jobs/${encodeURIComponent(jobId)}/runs/${encodeURIComponent(runId)}/tasks/${encodeURIComponent(taskId)}/descriptor`;
    return this.#json('GET', path);
  }

  /** `GET /v1/jobs/:id/runs/:run_id/logs?task_id=`: the persisted snapshot. */
  async taskLog(jobId: string, runId: string, taskId: string): Promise<TaskLogJson> {
    const path = `/v1/jobs/${encodeURIComponent(jobId)}/runs/${encodeURIComponent(runId)}/logs${queryString({ task_id: taskId })}`;
    const res = await send(this.#http, 'GET', path);
    const header = (name: string): string | undefined => {
      const v = res.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    return {
      text: res.status === 204 ? undefined : res.text,
      state: header('x-caesium-log-state'),
      truncated: header('x-caesium-log-truncated') === 'true',
    };
  }

  /** `POST /v1/admin/prune`: deletes (or with `dry_run` lists) old finished runs. */
  prune(request: PruneRequestJson = {}): Promise<PruneResponseJson> {
    return this.#json('POST', '/v1/admin/prune', request);
  }

  /** `GET /v1/jobs/:id/versions`, newest first. */
  jobVersions(jobId: string): Promise<JobVersionJson[]> {
    return this.#json('GET', `/v1/jobs/${encodeURIComponent(jobId)}/versions`);
  }

  /** `GET …/logs?task_id=…&follow=true`: the task's log from its first line, then live until the task ends. */
  followTaskLog(jobId: string, runId: string, taskId: string): Promise<LogStream> {
    const query = queryString({ task_id: taskId, follow: 'true' });
    return openLogStream(this.#http, `/v1/jobs/${encodeURIComponent(jobId)}/runs/${encodeURIComponent(runId)}/logs${query}`);
  }

  /** `POST /v1/jobs/:id/runs/:run_id/callbacks/retry` (docs/decisions.md D11): resolves with the refreshed run (202). */
  retryCallbacks(jobId: string, runId: string): Promise<RunJson> {
    return this.#json('POST', `/v1/jobs/${encodeURIComponent(jobId)}/runs/${encodeURIComponent(runId)}/callbacks/retry`);
  }

  /** `GET /v1/events`: resolves once the server subscribed the stream; iterate for its messages, `close` it when done. */
  events(query: EventQuery = {}): Promise<EventStream> {
    return openEventStream(this.#http, query);
  }

  /** `POST /v1/jobs/:id/backfill`: resolves with the new backfill (202). */
  createBackfill(jobId: string, request: BackfillRequestJson): Promise<BackfillJson> {
    return this.#json('POST', `/v1/jobs/${encodeURIComponent(jobId)}/backfill`, request);
  }

  /** `GET /v1/jobs/:id/backfills`, newest first. */
  listBackfills(jobId: string): Promise<BackfillJson[]> {
    return this.#json('GET', `/v1/jobs/${encodeURIComponent(jobId)}/backfills`);
  }

  /** `GET /v1/system/nodes`: the live nodes sharing the server's database. */
  systemNodes(): Promise<SystemNodesJson> {
    return this.#json('GET', '/v1/system/nodes');
  }

  /** `GET /v1/jobs/:id/backfills/:backfill_id`. */
  getBackfill(jobId: string, backfillId: string): Promise<BackfillJson> {
    return this.#json('GET', `/v1/jobs/${encodeURIComponent(jobId)}/backfills/${encodeURIComponent(backfillId)}`);
  }

  /** `PUT /v1/jobs/:id/backfills/:backfill_id/cancel`: resolves with the backfill (usually still running). */
  cancelBackfill(jobId: string, backfillId: string): Promise<BackfillJson> {
    return this.#json('PUT', `/v1/jobs/${encodeURIComponent(jobId)}/backfills/${encodeURIComponent(backfillId)}/cancel`);
  }

  /** `GET /v1/triggers` (paged; `order_by` over id, alias, type, created_at, updated_at). */
  listTriggers(query: ListQuery = {}): Promise<TriggerJson[]> {
    return this.#json('GET', `/v1/triggers${queryString({ ...query })}`);
  }

  /** `GET /v1/triggers/:id`. */
  getTrigger(id: string): Promise<TriggerJson> {
    return this.#json('GET', `/v1/triggers/${encodeURIComponent(id)}`);
  }

  /** `GET /v1/atoms` (paged; `engine` filters; `order_by` over id, engine, image, created_at, updated_at). */
  listAtoms(query: ListQuery & { engine?: string } = {}): Promise<AtomJson[]> {
    return this.#json('GET', `/v1/atoms${queryString({ ...query })}`);
  }

  /** `GET /v1/atoms/:id` (an atom id is the `atom_id` of a task). */
  getAtom(id: string): Promise<AtomJson> {
    return this.#json('GET', `/v1/atoms/${encodeURIComponent(id)}`);
  }

  /** `GET /v1/stats/summary?window=` (default 7d). */
  stats(window?: string): Promise<StatsJson> {
    return this.#json('GET', `/v1/stats/summary${queryString({ window })}`);
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
