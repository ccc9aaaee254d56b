/**
 * Runs in the server process: each manual run executes through `runJob` on
 * the shared runtime registry, concurrently with every other (D7: runs of one
 * job may overlap). `start` resolves as soon as the run's rows exist.
 *
 * Every run shares the store's task cache (`task_caches`, execution.md §3):
 * a job whose steps set `cache` (or every job, with `CAESIUM_CACHE_ENABLED`)
 * reuses results across runs and across versions with the same step identity.
 *
 * Events reach the bus with the job's stable (catalog) id instead of the
 * version id the engine knows, so metrics and subscribers see one job id per
 * alias across re-applies.
 *
 * Shutdown cancels in-flight runs: the engine stops their tasks and records
 * them `cancelled`. Without restart-resume a run left `running` would stay so
 * forever; a cancelled run is the truthful end state.
 */
import type { CacheDefaults } from '../engine/cache/settings.js';
import { systemClock } from '../engine/ports/clock.js';
import type { EngineEvent, EventSink } from '../engine/ports/events.js';
import type { RunRecord, Store } from '../engine/ports/store.js';
import type { TaskCache } from '../engine/ports/task-cache.js';
import { runJob } from '../engine/run-job.js';
import type { EngineDeps, FailurePolicy } from '../engine/run-types.js';
import type { StringMap } from '../jobdef/types.js';
import type { RuntimeRegistry } from '../runtime/index.js';
import type { JobView } from './job-views.js';

export interface RunLauncherDeps {
  store: Store;
  runtimes: RuntimeRegistry;
  /** Every engine event (already carrying the stable job id). */
  sink: EventSink;
  maxParallel: number;
  failurePolicy: FailurePolicy | undefined;
  /** The task cache runs look up and store results in (the store's `task_caches`). */
  cache: TaskCache;
  /** The `CAESIUM_CACHE_*` layer every job starts from. */
  cacheDefaults: CacheDefaults;
  /** Counts misses and short-circuits (the metrics' `recordCacheMiss`/`recordCacheShortCircuit`). */
  onCacheMiss?: EngineDeps['onCacheMiss'];
  onCacheShortCircuit?: EngineDeps['onCacheShortCircuit'];
  /** Where an engine failure (a store error, not a task failure) is reported. */
  onCrash: (runId: string | undefined, error: unknown) => void;
}

/** Starts and tracks in-process runs. */
export class RunLauncher {
  readonly #deps: RunLauncherDeps;
  readonly #active = new Map<Promise<void>, AbortController>();
  #closed = false;

  constructor(deps: RunLauncherDeps) {
    this.#deps = deps;
  }

  /** Runs in flight. */
  get activeCount(): number {
    return this.#active.size;
  }

  /** Starts a run of the view's current version; resolves with its row once created. */
  async start(view: JobView, params: StringMap): Promise<RunRecord> {
    if (this.#closed) throw new Error('the server is shutting down');
    const { store, runtimes, sink, cache, onCacheMiss, onCacheShortCircuit } = this.#deps;
    const controller = new AbortController();
    let created!: (runId: string) => void;
    let failed!: (error: unknown) => void;
    const started = new Promise<string>((resolve, reject) => ((created = resolve), (failed = reject)));
    let runId: string | undefined;
    const events: EventSink = (event) => {
      if (runId === undefined && event.type === 'run_started') {
        runId = event.runId;
        created(event.runId);
      }
      sink(withJobId(event, view.entry.id));
    };
    const run = runJob(
      view.job,
      {
        store,
        runtimes: (engine) => runtimes.get(engine),
        clock: systemClock,
        events,
        cache,
        ...(onCacheMiss === undefined ? {} : { onCacheMiss }),
        ...(onCacheShortCircuit === undefined ? {} : { onCacheShortCircuit }),
      },
      {
        jobId: view.version.id,
        params,
        maxParallel: this.#deps.maxParallel,
        failurePolicy: this.#deps.failurePolicy,
        cacheDefaults: this.#deps.cacheDefaults,
        signal: controller.signal,
        workerId: 'server',
      },
    );
    const tracked = run.then(
      () => undefined,
      (error: unknown) => {
        failed(error);
        this.#deps.onCrash(runId, error);
      },
    );
    const finished = tracked.finally(() => {
      this.#active.delete(finished);
      if (runId !== undefined && controller.signal.aborted) void runtimes.removeRunContainers(runId).catch(() => 0);
    });
    this.#active.set(finished, controller);
    const id = await started;
    const row = await store.runs.get(id);
    if (row === undefined) throw new Error(`run ${id} vanished`);
    return row;
  }

  /**
   * Refuses new runs, cancels every run in flight and waits up to `graceMs`
   * for them to record their end. Resolves to how many were still running
   * when the grace period ran out.
   */
  async shutdown(graceMs: number): Promise<number> {
    this.#closed = true;
    for (const controller of this.#active.values()) controller.abort();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
    await Promise.race([Promise.all(this.#active.keys()), timeout]);
    clearTimeout(timer);
    return this.#active.size;
  }
}

/** The event with the stable job id in its envelope and run payloads. */
function withJobId(event: EngineEvent, jobId: string): EngineEvent {
  if (event.type === 'task_log') return { ...event, jobId };
  const payload = event.payload as unknown as Record<string, unknown>;
  const mapped = 'job_id' in payload ? { ...payload, job_id: jobId } : payload;
  return { ...event, jobId, payload: mapped } as unknown as EngineEvent;
}
