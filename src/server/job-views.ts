/**
 * Resolving a REST job id to what the routes need: the catalog entry (stable
 * id, pause, provenance), its current version and the normalised `Job` the
 * version stored when it was applied. Versions never change once written, so
 * their tasks are cached.
 */
import type { CatalogJob, JobRecord, Store, TaskRecord } from '../store/ports/store.js';
import type { Job } from '../jobdef/types.js';
import { isUuid } from './body.js';
import { badRequest, conflict, notFound } from './http-error.js';

/** A job as the routes see it. */
export interface JobView {
  entry: CatalogJob;
  version: JobRecord;
  job: Job;
}

const CACHE_LIMIT = 500;

/** Looks jobs up by id (or id prefix) and builds their views. */
export class JobViews {
  readonly #store: Store;
  readonly #tasks = new Map<string, ReadonlyMap<string, TaskRecord>>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** The job with full UUID `id`; 404 when unknown. */
  async byId(id: string): Promise<JobView> {
    const entry = await this.#store.catalog.get(id);
    if (entry === undefined) throw notFound(`job ${id} not found`);
    return this.view(entry);
  }

  /** `GET /v1/jobs/:id`: a full UUID or a unique prefix of one (400 bad prefix, 409 ambiguous). */
  async byIdOrPrefix(raw: string): Promise<JobView> {
    const id = raw.toLowerCase();
    if (isUuid(id)) return this.byId(id);
    if (!/^[0-9a-f-]{1,36}$/.test(id)) throw badRequest(`invalid job id prefix: "${raw}"`);
    const found = await this.#store.catalog.byIdPrefix(id, 2);
    if (found.length > 1) throw conflict(`job id prefix "${raw}" is ambiguous`);
    const entry = found[0];
    if (entry === undefined) throw notFound(`job ${raw} not found`);
    return this.view(entry);
  }

  /** The view of a catalog entry (its current version). */
  async view(entry: CatalogJob): Promise<JobView> {
    const version = await this.#store.jobs.current(entry.alias);
    if (version === undefined) throw notFound(`job ${entry.id} has no applied definition`);
    return { entry, version, job: version.job };
  }

  /** The tasks of a job version, by task id. */
  async tasksOf(versionId: string): Promise<ReadonlyMap<string, TaskRecord>> {
    let tasks = this.#tasks.get(versionId);
    if (tasks === undefined) {
      tasks = new Map((await this.#store.jobs.tasks(versionId)).map((t) => [t.id, t]));
      remember(this.#tasks, versionId, tasks);
    }
    return tasks;
  }

  /** The normalised jobs of these versions, read in one query. */
  async jobsOf(versionIds: readonly string[]): Promise<ReadonlyMap<string, Job>> {
    const ids = [...new Set(versionIds)];
    if (ids.length === 0) return new Map();
    return new Map((await this.#store.inventory.versions(ids)).map((version) => [version.id, version.job]));
  }
}

/** Adds to a bounded cache, dropping the oldest entry when full. */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}
