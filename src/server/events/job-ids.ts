/**
 * Persisted events name the job *version* the engine ran; REST, the bus and
 * the SSE stream name the stable catalog id. This maps one to the other
 * (versions never change alias, so the answers are cached, bounded).
 */
import type { EngineEvent } from '../../engine/ports/events.js';
import type { Store } from '../../store/ports/store.js';

const LIMIT = 1000;

/** Maps version ids to stable job ids. */
export class StableJobIds {
  readonly #store: Store;
  readonly #known = new Map<string, string>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** The stable id of a job version; the version id itself when it is not in the catalog. */
  async of(versionId: string): Promise<string> {
    const known = this.#known.get(versionId);
    if (known !== undefined) return known;
    const version = await this.#store.jobs.get(versionId);
    const entry = version === undefined ? undefined : await this.#store.catalog.byAlias(version.alias);
    const id = entry?.id ?? versionId;
    if (this.#known.size >= LIMIT) this.#known.delete(this.#known.keys().next().value as string);
    this.#known.set(versionId, id);
    return id;
  }

  /** A persisted event as the bus publishes it: the stable id in the envelope and in a payload's `job_id`. */
  async restate(event: EngineEvent): Promise<EngineEvent> {
    if (event.type === 'task_log' || event.jobId === '') return event;
    return withJobId(event, await this.of(event.jobId));
  }
}

/** The event with the stable job id in its envelope and in a payload's `job_id`. */
export function withJobId(event: EngineEvent, jobId: string): EngineEvent {
  if (event.type === 'task_log') return { ...event, jobId };
  const payload = event.payload as unknown as Record<string, unknown> | undefined;
  const mapped = payload !== undefined && payload !== null && 'job_id' in payload ? { ...payload, job_id: jobId } : payload;
  return { ...event, jobId, payload: mapped } as unknown as EngineEvent;
}
