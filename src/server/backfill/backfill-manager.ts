/**
 * Backfills in the server (docs/decisions.md §10): plans and records a backfill,
 * drives it in the background, cancels it, and on start resumes every
 * backfill a previous process left `running`.
 *
 * Our own choices, where the contract says nothing or the original behaves by accident:
 * - Each slot run gets the trigger's `defaultParams` overlaid by
 *   `logical_date` (docs/decisions.md D8), not `logical_date` alone.
 * - After a restart, a slot whose run the previous process cancelled while
 *   shutting down runs again; a run still `running` is waited for (restart
 *   safety resumes it).
 * - A backfill covers at most MAX_BACKFILL_SLOTS slots (422 beyond).
 */
import type { Clock } from '../../engine/ports/clock.js';
import type { BackfillRecord, Store } from '../../store/ports/store.js';
import type { CaesiumMetrics } from '../../observe/metrics/create-metrics.js';
import { scheduleOf, TooManySlotsError } from '../../trigger/cron-schedule.js';
import { conflict, HttpError } from '../http-error.js';
import type { JobView } from '../job-views.js';
import { planSlots, type Reprocess } from '../../trigger/backfill-plan.js';
import { driveBackfill } from './backfill-runner.js';
import { errorText } from '../../errors.js';

export interface BackfillManagerDeps {
  store: Store;
  clock: Clock;
  /** Starts a run of the job (catalog id) for the backfill; resolves to the run id once it exists. */
  launch: (jobId: string, params: Record<string, string>, backfillId: string) => Promise<string>;
  log: (line: string) => void;
  metrics?: Pick<CaesiumMetrics, 'family'>;
  /** How often runs in flight are checked without a wake-up (default 1 s). */
  pollMs?: number;
}

/** What `POST /v1/jobs/:id/backfill` asks for, already checked. */
export interface BackfillRequest {
  startMs: number;
  endMs: number;
  maxConcurrent: number;
  reprocess: Reprocess;
}

/** Creates, drives, cancels and resumes backfills. */
export class BackfillManager {
  readonly #deps: BackfillManagerDeps;
  readonly #stop = new AbortController();
  readonly #active = new Set<Promise<void>>();
  #wake = new AbortController();

  constructor(deps: BackfillManagerDeps) {
    this.#deps = deps;
  }

  /** Plans the backfill of `view`'s job, records it and starts it; resolves to the new row. */
  async create(view: JobView, request: BackfillRequest): Promise<BackfillRecord> {
    const { store, clock } = this.#deps;
    if (view.entry.paused) throw conflict('job is paused');
    if (view.entry.retiredAt !== null) throw conflict('job is retired');
    const trigger = await store.catalog.trigger(view.version.id);
    if (trigger === undefined) throw new HttpError(422, 'job trigger not found');
    if (trigger.type !== 'cron') throw new HttpError(422, 'backfill requires a cron trigger');
    const parsed = scheduleOf(trigger.configuration);
    if (!parsed.ok) throw new HttpError(422, 'invalid cron expression in trigger', { error: parsed.problem });
    let slots: string[];
    try {
      const latest = request.reprocess === 'all' ? new Map() : await store.backfills.latestByLogicalDate(view.entry.alias);
      slots = planSlots(parsed.schedule, request, request.reprocess, latest);
    } catch (error) {
      if (error instanceof TooManySlotsError) throw new HttpError(422, error.message);
      throw error;
    }
    const record = await store.backfills.create({
      jobId: view.entry.id,
      start: rfc3339(request.startMs),
      end: rfc3339(request.endMs),
      maxConcurrent: request.maxConcurrent,
      reprocess: request.reprocess,
      slots,
      now: new Date(clock.now()).toISOString(),
    });
    if (record.status === 'running') this.#start(record, view.entry.alias, false);
    return record;
  }

  /** Asks a running backfill to stop launching; 404 unknown, 409 `backfill is not running`. */
  async cancel(id: string): Promise<BackfillRecord> {
    const { store, clock } = this.#deps;
    const record = await store.backfills.requestCancel(id, new Date(clock.now()).toISOString());
    if (record === undefined) {
      if ((await store.backfills.get(id)) === undefined) throw new HttpError(404, `backfill ${id} not found`);
      throw conflict('backfill is not running');
    }
    this.wake();
    return record;
  }

  /** Resumes every backfill left `running` (call once, at server start). */
  async resume(): Promise<number> {
    const running = await this.#deps.store.backfills.listRunning();
    for (const record of running) {
      const alias = (await this.#deps.store.catalog.get(record.jobId))?.alias ?? record.jobId;
      this.#start(record, alias, true);
    }
    return running.length;
  }

  /** Ends every wait early (a run ended, or a cancel was requested). */
  wake(): void {
    const old = this.#wake;
    this.#wake = new AbortController();
    old.abort();
  }

  /** Stops driving (backfills stay `running` in the store) and waits for the drivers to return. Idempotent. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await Promise.all(this.#active);
  }

  #start(record: BackfillRecord, alias: string, resumed: boolean): void {
    const { metrics, log } = this.#deps;
    metrics?.family('caesium_backfills_active').inc({ job_alias: alias });
    const deps = {
      ...this.#deps,
      pollMs: this.#deps.pollMs ?? 1000,
      onRun: (status: 'started' | 'succeeded' | 'failed') =>
        metrics?.family('caesium_backfill_runs_total').inc({ job_alias: alias, status }),
    };
    const driving = driveBackfill(deps, record.id, { stop: this.#stop.signal, wake: () => this.#wake.signal, resumed })
      .then(
        () => undefined,
        (error: unknown) => log(`caesium server: backfill ${record.id} stopped: ${errorText(error)}`),
      )
      .finally(() => {
        metrics?.family('caesium_backfills_active').dec({ job_alias: alias });
        this.#active.delete(driving);
      });
    this.#active.add(driving);
  }
}

/** RFC 3339 in UTC, without milliseconds when there are none. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}
