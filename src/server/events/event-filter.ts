/**
 * The query of `GET /v1/events` (docs/decisions.md §4.3), checked at the
 * boundary: `job_id` and `run_id` (UUIDs), `types` (comma list of event
 * types), and the replay cursor from the `Last-Event-ID` header or `?cursor=`
 * (docs/decisions.md D13: without either the stream is live only; `cursor=0` replays all).
 *
 * caesium addition: `task_log` (live task output, never persisted) is sent
 * only to clients that name it in `types`.
 */
import { EXECUTION_EVENT_TYPES, type EngineEvent, type ExecutionEventType } from '../../engine/ports/events.js';
import { isUuid } from '../body.js';
import { badRequest } from '../http-error.js';

/** Every type a client may ask for. */
export type StreamEventType = EngineEvent['type'];

const KNOWN: ReadonlySet<string> = new Set<string>([...EXECUTION_EVENT_TYPES, 'task_log']);
const PERSISTED: ReadonlySet<StreamEventType> = new Set<StreamEventType>(EXECUTION_EVENT_TYPES);

export interface EventFilter {
  /** The stable (REST) job id. */
  jobId?: string;
  runId?: string;
  /** Undefined: every persisted type (no `task_log`). */
  types?: ReadonlySet<StreamEventType>;
  /** Replay events with a sequence above this; undefined: live only. */
  cursor?: number;
}

/** Reads the filter; throws a 400 with the messages docs/decisions.md §4.3 lists. */
export function parseEventFilter(query: (name: string) => string | undefined, lastEventId: string | undefined): EventFilter {
  const filter: EventFilter = {};
  const jobId = query('job_id')?.trim();
  if (jobId !== undefined && jobId !== '') {
    if (!isUuid(jobId)) throw badRequest('invalid job_id');
    filter.jobId = jobId.toLowerCase();
  }
  const runId = query('run_id')?.trim();
  if (runId !== undefined && runId !== '') {
    if (!isUuid(runId)) throw badRequest('invalid run_id');
    filter.runId = runId.toLowerCase();
  }
  const types = (query('types') ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const unknown = types.find((t) => !KNOWN.has(t));
  if (unknown !== undefined) throw badRequest(`invalid types: unknown event type "${unknown}"`);
  if (types.length > 0) filter.types = new Set(types as StreamEventType[]);
  const cursor = lastEventId?.trim() || query('cursor')?.trim();
  if (cursor !== undefined && cursor !== '') {
    if (!/^\d+$/.test(cursor) || !Number.isSafeInteger(Number(cursor))) throw badRequest('invalid Last-Event-ID');
    filter.cursor = Number(cursor);
  }
  return filter;
}

/** The types a stream's bus subscription takes: the bus skips the others without a call (no `task_log` unless asked). */
export function liveTypes(filter: EventFilter): ReadonlySet<StreamEventType> {
  return filter.types ?? PERSISTED;
}

/** Whether a live event passes the filter (events name their job by its stable id). */
export function matchesLive(filter: EventFilter, event: EngineEvent): boolean {
  if (filter.types === undefined ? event.type === 'task_log' : !filter.types.has(event.type)) return false;
  if (filter.runId !== undefined && event.runId !== filter.runId) return false;
  return filter.jobId === undefined || event.jobId === filter.jobId;
}

/** The persisted types to replay: undefined for all, empty when none was asked for. */
export function replayTypes(filter: EventFilter): ExecutionEventType[] | undefined {
  if (filter.types === undefined) return undefined;
  return [...filter.types].filter((t): t is ExecutionEventType => t !== 'task_log');
}
