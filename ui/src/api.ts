/**
 * The UI's fetch layer: every request of the UI goes through `request`, typed with the wire types of src/api/
 * (type imports only: nothing of the server is bundled). It sends the session's API key and turns a 401 into a
 * return to the login page.
 */
import type {
  AtomJson,
  AuthStatusJson,
  BackfillJson,
  BackfillRequestJson,
  CacheEntriesJson,
  DagJson,
  HealthJson,
  JobDefinitionJson,
  JobDetailJson,
  JobListEntryJson,
  JobVersionJson,
  NodeWorkersJson,
  RunJson,
  RunRequestJson,
  StatsJson,
  TaskDescriptorJson,
  TriggerJson,
  WhoamiJson,
} from '../../src/api/index.js';
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

/** `quiet`: a 401 is only an error (no return to the login page). */
type Init = RequestInit & { json?: unknown; quiet?: boolean };

/** One request; the answer's body as JSON typed `T`, and its headers. */
async function requestWithHeaders<T>(path: string, init: Init = {}): Promise<{ body: T; headers: Headers }> {
  const { json, headers, quiet = false, ...rest } = init;
  const sent: Record<string, string> = { accept: 'application/json', ...authHeaders(), ...(headers as Record<string, string>) };
  if (json !== undefined) sent['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { ...rest, headers: sent, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
  } catch (error) {
    throw new ApiError(`the server did not answer (${error instanceof Error ? error.message : String(error)})`, 0);
  }
  if (res.status === 401 && !quiet) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  const text = await res.text();
  const body: unknown = text === '' ? undefined : safeJson(text);
  if (!res.ok) {
    const message =
      typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : `${res.status} ${res.statusText}`;
    throw new ApiError(message, res.status);
  }
  return { body: body as T, headers: res.headers };
}

/** One JSON request; the answer's body typed as `T`. */
export async function request<T>(path: string, init: Init = {}): Promise<T> {
  return (await requestWithHeaders<T>(path, init)).body;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const enc = encodeURIComponent;
const job = (id: string): string => `/v1/jobs/${enc(id)}`;
const run = (jobId: string, runId: string): string => `${job(jobId)}/runs/${enc(runId)}`;

/** The filters of the runs page (`GET /v1/runs`). */
export interface RunQuery {
  status?: string;
  job?: string;
  trigger?: string;
  since?: string;
  until?: string;
  limit: number;
  offset: number;
}

const query = (params: Record<string, string | number | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
};

export const api = {
  health: () => request<HealthJson>('/health'),
  authStatus: () => request<AuthStatusJson>('/auth/status'),
  whoami: () => request<WhoamiJson>('/v1/auth/whoami'),
  jobs: () => request<JobListEntryJson[]>('/v1/jobs?limit=1000'),
  job: (id: string) => request<JobDetailJson>(job(id)),
  dag: (id: string) => request<DagJson>(`${job(id)}/dag`),
  definition: (id: string) => request<JobDefinitionJson>(`${job(id)}/definition`),
  versions: (id: string) => request<JobVersionJson[]>(`${job(id)}/versions`),
  cache: (id: string) => request<CacheEntriesJson>(`${job(id)}/cache`),
  jobRuns: (id: string, limit: number) => request<RunJson[]>(`${job(id)}/runs?limit=${limit}`),
  pause: (id: string) => request<unknown>(`${job(id)}/pause`, { method: 'PUT' }),
  unpause: (id: string) => request<unknown>(`${job(id)}/unpause`, { method: 'PUT' }),
  startRun: (id: string, body: RunRequestJson) => request<RunJson>(`${job(id)}/run`, { method: 'POST', json: body }),
  runs: async (q: RunQuery) => {
    const { body, headers } = await requestWithHeaders<RunJson[]>(`/v1/runs${query({ ...q })}`);
    return { runs: body, total: Number(headers.get('x-caesium-run-count') ?? body.length) };
  },
  run: (jobId: string, runId: string) => request<RunJson>(run(jobId, runId)),
  cancelRun: (jobId: string, runId: string) => request<unknown>(`${run(jobId, runId)}/cancel`, { method: 'POST', json: {} }),
  retryRun: (jobId: string, runId: string, body: { from?: string; downstream?: boolean }) =>
    request<RunJson>(`${run(jobId, runId)}/retry`, { method: 'POST', json: body }),
  descriptor: (jobId: string, runId: string, task: string) =>
    request<TaskDescriptorJson>(`${run(jobId, runId)}/tasks/${enc(task)}/descriptor`),
  retryCallbacks: (jobId: string, runId: string) => request<unknown>(`${run(jobId, runId)}/callbacks/retry`, { method: 'POST' }),
  backfills: (jobId: string) => request<BackfillJson[]>(`${job(jobId)}/backfills`),
  createBackfill: (jobId: string, body: BackfillRequestJson) =>
    request<BackfillJson>(`${job(jobId)}/backfill`, { method: 'POST', json: body }),
  cancelBackfill: (jobId: string, backfillId: string) =>
    request<BackfillJson>(`${job(jobId)}/backfills/${enc(backfillId)}/cancel`, { method: 'PUT' }),
  triggers: () => request<TriggerJson[]>('/v1/triggers'),
  atoms: () => request<AtomJson[]>('/v1/atoms'),
  stats: (window?: string) => request<StatsJson>(window === undefined ? '/v1/stats' : `/v1/stats/summary?window=${enc(window)}`),
  workers: (address: string) => request<NodeWorkersJson>(`/v1/nodes/${enc(address)}/workers`),
  logLevel: () => request<{ level: string }>('/v1/logs/level'),
  setLogLevel: (level: string) => request<{ level: string }>('/v1/logs/level', { method: 'PUT', json: { level } }),
  dbSchema: () => request<unknown>('/v1/database/schema'),
  dbQuery: (sql: string) => request<unknown>('/v1/database/query', { method: 'POST', json: { sql } }),
};
