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
 * Shutdown leaves runs to the next start instead of ending them
 * (docs/operations.md): executing runs drain (nothing new is claimed, running
 * tasks finish) for the grace period, then their remaining tasks are stopped
 * and put back as new attempts (src/engine/suspend.ts); runs with work left
 * stay `running`, and runs still waiting for a slot stay as committed. The
 * next start resumes them all (resume-runs.ts).
 */
import type { CacheDefaults } from '../engine/cache/settings.js';
import { systemClock } from '../engine/ports/clock.js';
import type { EventSink } from '../engine/ports/events.js';
import type { RunOrigin, RunPriority, RunRecord, Store } from '../store/ports/store.js';
import type { TaskCache } from '../engine/ports/task-cache.js';
import { prepareRun } from '../engine/run-job.js';
import { resumeRun } from '../engine/resume-run.js';
import { reopenRun, type RetryOutcome, type RetryRequest } from '../engine/retry-run.js';
import type { Job } from '../jobdef/types.js';
import type { EngineDeps, FailurePolicy, RunOptions } from '../engine/run-types.js';
import type { Engine, StringMap } from '../jobdef/types.js';
import type { RuntimeRegistry } from '../runtime/index.js';
import type { Runtime } from '../engine/ports/runtime.js';
import type { JobView } from './job-views.js';
import { pacedRuntime, StartPacer } from './start-pacer.js';
import { recordingRuntime } from './reproduce/recording-runtime.js';
import { RunCancellation } from '../engine/cancel-request.js';
import { RunSuspended, RunSuspension } from '../engine/suspend.js';
import { formatDuration } from '../jobdef/duration.js';
import { HttpError } from './http-error.js';
import { settled } from './settled.js';

/** How long stopped tasks may take to be put back before shutdown stops waiting (their runs stay `running`). */
const STOP_BOUND_MS = 15_000;

/** What a run's driver is given: the cancel signal, and the signal that drains it for a shutdown. */
type Drive = (signal: AbortSignal, drain: AbortSignal) => Promise<unknown>;

export interface ShutdownOptions {
  /** Aborting it ends the grace period at once (a second SIGTERM or SIGINT). */
  stopNow?: AbortSignal;
  /** What shutdown is doing, a line at a time. */
  log?: (line: string) => void;
}

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
  /** Retries the engine's writes of run progress while the database cannot be written (`WriteHealth.retry`). */
  retryWrite?: EngineDeps['retryWrite'];
  /** Where an engine failure (a store error, not a task failure) is reported. */
  onCrash: (runId: string | undefined, error: unknown) => void;
  /** How many runs execute at once (`CAESIUM_MAX_ACTIVE_RUNS`); the rest wait in FIFO order. Default unbounded. */
  maxActiveRuns?: number;
  /** Where a task launch that could not be recorded for `run reproduce` is reported (the task starts anyway). */
  onRecordFailure?: (runId: string, error: unknown) => void;
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
  drive: Drive;
  controller: AbortController;
  drain: AbortController;
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
  /** Runs whose drive ended `RunSuspended`: left `running` for the next start. */
  readonly #left: string[] = [];

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
    const { store, sink, cache, onCacheMiss, onCacheShortCircuit, retryWrite } = this.#deps;
    return {
      store,
      runtimes: (engine) => this.runtimeFor(engine),
      clock: systemClock,
      events: sink,
      cache,
      ...(onCacheMiss === undefined ? {} : { onCacheMiss }),
      ...(onCacheShortCircuit === undefined ? {} : { onCacheShortCircuit }),
      ...(retryWrite === undefined ? {} : { retryWrite }),
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
  adopt(runId: string, drive: Drive): void {
    if (this.#closed) return;
    this.#enqueue(runId, drive);
  }

  /**
   * The runtime runs use for `engine`: the registry's, each launch recorded
   * for `run reproduce` (reproduce/recording-runtime.ts), with local starts
   * paced to one per event-loop turn (start-pacer.ts) so HTTP admission interleaves.
   */
  runtimeFor(engine: Engine): Promise<Runtime> {
    let runtime = this.#runtimes.get(engine);
    if (runtime === undefined) {
      const { store, onRecordFailure = () => undefined } = this.#deps;
      runtime = this.#deps.runtimes
        .get(engine)
        .then((r) => pacedRuntime(recordingRuntime(r, store.taskDescriptors, onRecordFailure), this.#pacer));
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

  #enqueue(runId: string, drive: Drive): void {
    this.#queue.push({ runId, drive, controller: new AbortController(), drain: new AbortController() });
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
      .then(() => entry.drive(controller.signal, entry.drain.signal))
      .then(
        () => undefined,
        (error: unknown) => (error instanceof RunSuspended ? void this.#left.push(runId) : this.#deps.onCrash(runId, error)),
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
    if (this.#closed) throw new HttpError(503, 'the server is shutting down and starts no new runs; retry once it has restarted');
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
   * Retries finished run `request.runId` of `job` (the version it was created
   * with, docs/run-control.md): its rows are reopened as the run's next
   * attempt in one transaction, then it waits for a slot like any run and is
   * driven as a resumed run, which is also what the next start does when
   * this server dies before the attempt ends.
   */
  async retry(job: Job, request: RetryRequest): Promise<RetryOutcome> {
    if (this.#closed) throw new Error('the server is shutting down');
    const outcome = await reopenRun(job, this.engineDeps(), request);
    if (outcome.ok)
      this.adopt(request.runId, (signal, drain) =>
        resumeRun(job, this.engineDeps(), { ...this.runOptions, runId: request.runId, signal, drain }),
      );
    return outcome;
  }

  /**
   * Refuses new runs and drains the executing ones (nothing new is claimed,
   * running tasks finish) for up to `graceMs` or until `stopNow` aborts; then
   * stops the tasks still running, which go back as new attempts. Runs with
   * work left, and runs still waiting for a slot, stay `running` in the store
   * for the next start. Resolves to how many runs were left so.
   */
  async shutdown(graceMs: number, options: ShutdownOptions = {}): Promise<number> {
    const log = options.log ?? (() => undefined);
    this.#closed = true;
    const queued = this.queuedCount;
    this.#queue = [];
    this.#queueHead = 0;
    this.#holes = 0;
    if (queued > 0) log(`caesium server: ${queued} run(s) waiting for a slot stay queued; they run after the next start`);
    const leftBefore = this.#left.length;
    if (this.#executing.size > 0) {
      for (const entry of this.#executing.keys()) entry.drain.abort();
      log(
        `caesium server: starting no new tasks; waiting up to ${formatDuration(graceMs)} for the running tasks of ${this.#executing.size} run(s) to finish (a second SIGTERM or SIGINT stops them now)`,
      );
      const outcome = await settled(this.#executing.values(), graceMs, options.stopNow);
      if (this.#executing.size > 0) {
        log(
          `caesium server: ${outcome === 'timeout' ? `grace period of ${formatDuration(graceMs)} over` : 'asked to stop now'}: stopping the running tasks of ${this.#executing.size} run(s); they run again as new attempts on the next start`,
        );
        for (const entry of this.#executing.keys()) entry.controller.abort(new RunSuspension());
        if ((await settled(this.#executing.values(), STOP_BOUND_MS)) === 'timeout')
          log(
            `caesium server: ${this.#executing.size} run(s) did not record their stop within ${formatDuration(STOP_BOUND_MS)}; the next start resumes them`,
          );
      }
    }
    const left = this.#left.slice(leftBefore);
    for (const runId of left) log(`caesium server: run ${runId} stays running; it resumes on the next start`);
    return queued + left.length + this.#executing.size;
  }
}
