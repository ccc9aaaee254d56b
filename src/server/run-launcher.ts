/**
 * Runs in the server process. Admission is separate from execution: `start`
 * commits the run's rows (`prepareRun`) and resolves at once; execution is a
 * bounded FIFO pool on the shared runtime registry, at most `maxActiveRuns`
 * runs at a time (`CAESIUM_MAX_ACTIVE_RUNS`), whatever started them (manual,
 * cron, hooks, backfill, a resume). Runs of one job may overlap (docs/decisions.md D7). A run
 * waiting for a slot is `running` with every task `pending` in the store, exactly what a
 * restart resumes; REST shows it `queued` with its place (`queuePosition`), and a run
 * started here that has to wait records `run_queued` (docs/run-control.md).
 *
 * Every run shares the store's task cache (`task_caches`, docs/decisions.md §3):
 * a job whose steps set `cache` (or every job, with `CAESIUM_CACHE_ENABLED`)
 * reuses results across runs and across versions with the same step identity.
 *
 * The engine names every event's job by its stable (catalog) id, which each
 * version row carries, so metrics and subscribers see one job id per alias
 * across re-applies.
 *
 * Shutdown cancels executing runs: the engine stops their tasks and records
 * them `cancelled`, the truthful end state of a run stopped on purpose. Runs
 * still waiting for a slot are left as committed (nothing of them started) and
 * run after the next start, like a run a crash leaves `running` (resume-runs.ts).
 */
import type { CacheDefaults } from '../engine/cache/settings.js';
import { systemClock } from '../engine/ports/clock.js';
import type { EventSink } from '../engine/ports/events.js';
import type { RunOrigin, RunPriority, RunRecord, Store } from '../store/ports/store.js';
import type { TaskCache } from '../engine/ports/task-cache.js';
import { prepareRun } from '../engine/run-job.js';
import type { EngineDeps, FailurePolicy, RunOptions } from '../engine/run-types.js';
import type { Engine, StringMap } from '../jobdef/types.js';
import type { RuntimeRegistry } from '../runtime/index.js';
import type { Runtime } from '../engine/ports/runtime.js';
import type { JobView } from './job-views.js';
import { pacedRuntime, StartPacer } from './start-pacer.js';
import { RunCancellation } from '../engine/cancel-request.js';

export interface RunLauncherDeps {
  store: Store;
  runtimes: RuntimeRegistry;
  /** Every engine event (its job named by the stable id). */
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
  /** How many runs execute at once (`CAESIUM_MAX_ACTIVE_RUNS`); the rest wait in FIFO order. Default unbounded. */
  maxActiveRuns?: number;
  /** What task runs record as `claimed_by` (default `server`; the node address when many servers share the database). */
  workerId?: string;
  /** Called once a run started here is committed, before it is queued (many servers: takes the run's lease). */
  onAdmitted?: (runId: string) => Promise<void>;
  /** Called when a run this server drove stops executing, however it ended (many servers: gives the lease back). */
  onSettled?: (runId: string) => void;
}

/** What this server's engine records as a task run's `claimed_by` (`GET /v1/nodes/:address/workers` reads it). */
export const SERVER_WORKER_ID = 'server';

/** A run admitted to the pool. */
interface PoolEntry {
  runId: string;
  drive: (signal: AbortSignal) => Promise<unknown>;
  controller: AbortController;
}

/** Starts and tracks in-process runs. */
export class RunLauncher {
  readonly #deps: RunLauncherDeps;
  readonly #limit: number;
  /** Admitted runs waiting for a slot, oldest first (from `#queueHead`). */
  #queue: (PoolEntry | undefined)[] = [];
  #queueHead = 0;
  /** Queue slots emptied by a cancel before their turn. */
  #holes = 0;
  /** Executing runs and their end. */
  readonly #executing = new Map<PoolEntry, Promise<void>>();
  readonly #pacer = new StartPacer();
  readonly #runtimes = new Map<Engine, Promise<Runtime>>();
  #closed = false;

  constructor(deps: RunLauncherDeps) {
    this.#deps = deps;
    const limit = deps.maxActiveRuns ?? Number.POSITIVE_INFINITY;
    this.#limit = limit >= 1 ? Math.floor(limit) : 1;
  }

  /** The runtime registry (resume-runs.ts sweeps a dead attempt's leftovers through it). */
  get runtimes(): RuntimeRegistry {
    return this.#deps.runtimes;
  }

  /** The ports a run is driven with, started here or resumed (resume-runs.ts). */
  engineDeps(): EngineDeps {
    const { store, sink, cache, onCacheMiss, onCacheShortCircuit } = this.#deps;
    return {
      store,
      runtimes: (engine) => this.runtimeFor(engine),
      clock: systemClock,
      events: sink,
      cache,
      ...(onCacheMiss === undefined ? {} : { onCacheMiss }),
      ...(onCacheShortCircuit === undefined ? {} : { onCacheShortCircuit }),
    };
  }

  /** The options every run of this server shares, started here or resumed. */
  get runOptions(): Pick<RunOptions, 'maxParallel' | 'failurePolicy' | 'cacheDefaults' | 'workerId'> {
    const { maxParallel, failurePolicy, cacheDefaults } = this.#deps;
    return { maxParallel, failurePolicy, cacheDefaults, workerId: this.#deps.workerId ?? SERVER_WORKER_ID };
  }

  /** Runs executing at once, at most (`CAESIUM_MAX_ACTIVE_RUNS`; 0 when unbounded). */
  get capacity(): number {
    return Number.isFinite(this.#limit) ? this.#limit : 0;
  }

  /** Runs this server drives now: executing or waiting for a slot. */
  drivenRunIds(): string[] {
    const queued = this.#queue.slice(this.#queueHead).flatMap((e) => (e === undefined ? [] : [e.runId]));
    return [...[...this.#executing.keys()].map((e) => e.runId), ...queued];
  }

  /**
   * Stops driving run `runId` without ending it (its lease went to another node, or could not be renewed):
   * an executing run has its tasks stopped, and the store refuses what it would still write; a queued run
   * just leaves the queue. True when the run was driven here.
   */
  abandon(runId: string): boolean {
    for (const entry of this.#executing.keys()) {
      if (entry.runId !== runId) continue;
      if (!entry.controller.signal.aborted) entry.controller.abort(new Error("this node lost the run's lease"));
      return true;
    }
    for (let i = this.#queueHead; i < this.#queue.length; i++) {
      if (this.#queue[i]?.runId !== runId) continue;
      this.#queue[i] = undefined;
      this.#holes++;
      this.#deps.onSettled?.(runId);
      return true;
    }
    return false;
  }

  /**
   * Queues a run driven elsewhere (one resumed after a restart) behind the
   * others: it executes when a slot frees, shutdown treats it like the others,
   * and an engine failure is reported.
   */
  adopt(runId: string, drive: (signal: AbortSignal) => Promise<unknown>): void {
    if (this.#closed) return;
    this.#enqueue(runId, drive);
  }

  /**
   * The runtime runs use for `engine`: the registry's, with local starts paced
   * to one per event-loop turn (start-pacer.ts) so HTTP admission interleaves.
   */
  runtimeFor(engine: Engine): Promise<Runtime> {
    let runtime = this.#runtimes.get(engine);
    if (runtime === undefined) {
      runtime = this.#deps.runtimes.get(engine).then((r) => pacedRuntime(r, this.#pacer));
      runtime.catch(() => this.#runtimes.delete(engine));
      this.#runtimes.set(engine, runtime);
    }
    return runtime;
  }

  /** Runs in flight: executing or waiting for a slot. */
  get activeCount(): number {
    return this.#executing.size + this.queuedCount;
  }

  /** Runs executing now (at most `maxActiveRuns`). */
  get executingCount(): number {
    return this.#executing.size;
  }

  /** Admitted runs waiting for a slot. */
  get queuedCount(): number {
    return this.#queue.length - this.#queueHead - this.#holes;
  }

  /** Where run `runId` waits for a slot (1 runs next); undefined when it is not waiting. */
  queuePosition(runId: string): number | undefined {
    let position = 0;
    for (let i = this.#queueHead; i < this.#queue.length; i++) {
      const entry = this.#queue[i];
      if (entry === undefined) continue;
      position++;
      if (entry.runId === runId) return position;
    }
    return undefined;
  }

  #enqueue(runId: string, drive: (signal: AbortSignal) => Promise<unknown>): void {
    this.#queue.push({ runId, drive, controller: new AbortController() });
    this.#pump();
  }

  /** Records `run_queued` for a run that found no free slot (persisted, then published). */
  async #recordQueued(view: JobView, runId: string, position: number): Promise<void> {
    const payload = { id: runId, job_id: view.entry.id, job_alias: view.entry.alias, status: 'queued' as const, queue_position: position };
    const event = { type: 'run_queued' as const, jobId: view.entry.id, runId, taskId: null, timestamp: new Date().toISOString(), payload };
    for (const stored of await this.#deps.store.events.append([event])) this.#deps.sink(stored);
  }

  /** Starts queued runs, oldest first, while slots are free. */
  #pump(): void {
    while (!this.#closed && this.#executing.size < this.#limit && this.#queueHead < this.#queue.length) {
      const entry = this.#queue[this.#queueHead];
      this.#queue[this.#queueHead++] = undefined;
      if (this.#queueHead === this.#queue.length || this.#queueHead >= 1024) {
        this.#queue = this.#queue.slice(this.#queueHead);
        this.#queueHead = 0;
      }
      if (entry !== undefined) this.#execute(entry);
      else this.#holes--;
    }
  }

  #execute(entry: PoolEntry): void {
    const { runId, controller } = entry;
    const finished = Promise.resolve()
      .then(() => entry.drive(controller.signal))
      .then(
        () => undefined,
        (error: unknown) => this.#deps.onCrash(runId, error),
      )
      .finally(() => {
        this.#executing.delete(entry);
        this.#deps.onSettled?.(runId);
        if (controller.signal.aborted) void this.#deps.runtimes.sweepRun(runId);
        this.#pump();
      });
    this.#executing.set(entry, finished);
  }

  /**
   * Cancels run `runId` on behalf of `by` (docs/decisions.md, run control):
   * an executing run has its tasks stopped by the engine; a run waiting for a
   * slot leaves the queue and is driven at once with the cancelled signal, so
   * it ends `cancelled` without starting anything. Resolves once the run
   * recorded its end; undefined when this server is not driving the run.
   */
  cancel(runId: string, by: string): Promise<void> | undefined {
    for (const [entry, finished] of this.#executing) {
      if (entry.runId !== runId) continue;
      if (!entry.controller.signal.aborted) entry.controller.abort(new RunCancellation(by));
      return finished;
    }
    for (let i = this.#queueHead; i < this.#queue.length; i++) {
      const entry = this.#queue[i];
      if (entry?.runId !== runId) continue;
      this.#queue[i] = undefined;
      this.#holes++;
      entry.controller.abort(new RunCancellation(by));
      this.#execute(entry);
      return this.#executing.get(entry);
    }
    return undefined;
  }

  /** Starts a run of the view's current version (`origin`: the trigger or backfill that started it; `priority`: a manual run's); resolves with its row once created. */
  async start(view: JobView, params: StringMap, origin?: RunOrigin, priority?: RunPriority): Promise<RunRecord> {
    if (this.#closed) throw new Error('the server is shutting down');
    const prepared = prepareRun(view.job, this.engineDeps(), {
      ...this.runOptions,
      jobId: view.version.id,
      params,
      ...(origin === undefined ? {} : { origin }),
      ...(priority === undefined ? {} : { priority }),
    });
    const { runId, run, drive } = await prepared.catch((error: unknown) => {
      this.#deps.onCrash(undefined, error);
      throw error;
    });
    // Committed: from here the run executes when a slot frees (or, after a shutdown, at the next start).
    await this.#deps.onAdmitted?.(runId);
    this.#enqueue(runId, drive);
    const position = this.queuePosition(runId);
    if (position !== undefined) await this.#recordQueued(view, runId, position).catch((error: unknown) => this.#deps.onCrash(runId, error));
    return run;
  }

  /**
   * Refuses new runs, cancels every executing run and waits up to `graceMs`
   * for them to record their end. Runs still waiting for a slot are dropped
   * from memory only: their rows stay `running` with every task `pending`, and
   * the next start resumes them. Resolves to how many were still executing
   * when the grace period ran out.
   */
  async shutdown(graceMs: number): Promise<number> {
    this.#closed = true;
    this.#queue = [];
    this.#queueHead = 0;
    this.#holes = 0;
    for (const entry of this.#executing.keys()) entry.controller.abort();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
    await Promise.race([Promise.all(this.#executing.values()), timeout]);
    clearTimeout(timer);
    return this.#executing.size;
  }
}
