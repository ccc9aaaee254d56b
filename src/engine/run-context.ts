/** Everything one run's parts share: its identity, plan, settings, ports and stop state. */
import { formatDuration } from '../jobdef/duration.js';
import type { Engine, Job, StringMap } from '../jobdef/types.js';
import type { EngineEvent, EventPayloads, ExecutionEvent, NewExecutionEvent } from './ports/events.js';
import type { Runtime } from './ports/runtime.js';
import type { JobRecord } from './ports/store-records.js';
import { jobIdentity, type JobIdentity } from './payloads.js';
import type { RunPlan } from './run-plan.js';
import type { EngineDeps, FailurePolicy, RunOptions } from './run-types.js';
import { OutputSchemas } from './schema-check.js';
import { taskName } from './failure.js';
import { RunCache } from './cache/run-cache.js';
import { CACHE_DEFAULTS, type CacheDefaults } from './cache/settings.js';

/** Settings of one run after flags, job metadata and defaults are resolved. */
export interface RunSettings {
  maxParallel: number;
  taskTimeoutMs: number;
  runTimeoutMs: number;
  failurePolicy: FailurePolicy;
  engineOverride: Engine | undefined;
  env: StringMap;
  workerId: string;
  cacheDefaults: CacheDefaults;
  /** No cache lookups or stores (also true when the deps have no cache). */
  noCache: boolean;
  /** Steps that skip the cache lookup (their result is still stored). */
  refresh: ReadonlySet<string>;
}

/** Why a run stopped before its frontier emptied. */
export type StopReason = { kind: 'cancelled'; by?: string } | { kind: 'timeout'; afterMs: number } | { kind: 'internal'; message: string };

/** Resolves parallelism (flag > `maxParallelTasks` > default) and timeouts (flag > job). */
export function resolveSettings(job: Job, options: Omit<RunOptions, 'signal'> & { signal?: AbortSignal }): RunSettings {
  const positive = (n: number | undefined): number | undefined => (n !== undefined && n > 0 ? Math.floor(n) : undefined);
  return {
    maxParallel: positive(options.maxParallelOverride) ?? positive(job.maxParallelTasks) ?? positive(options.maxParallel) ?? 1,
    taskTimeoutMs: options.taskTimeoutMs ?? job.taskTimeoutMs,
    runTimeoutMs: options.runTimeoutMs ?? job.runTimeoutMs,
    failurePolicy: options.failurePolicy ?? 'continue',
    engineOverride: options.engineOverride,
    env: options.env ?? {},
    workerId: options.workerId ?? 'local',
    cacheDefaults: options.cacheDefaults ?? { ...CACHE_DEFAULTS },
    noCache: options.noCache === true,
    refresh: new Set(options.refresh ?? []),
  };
}

/** Task events: every type that describes one task run. */
type TaskEventType = Exclude<ExecutionEvent['type'], `run_${string}`>;
type RunEventType = Extract<ExecutionEvent['type'], `run_${string}`>;

/** The job version a run executes: its id, and the job's stable id (what events name). */
export type RunVersion = Pick<JobRecord, 'id' | 'stableId'>;

/** One run in progress. */
export class RunContext {
  /** The job's stable id: the envelope and payloads of the run's events carry it. */
  readonly jobId: string;
  /** The job version the run executes (its tasks, its cache scope). */
  readonly versionId: string;
  readonly identity: JobIdentity;
  readonly schemas = new OutputSchemas();
  /** Cache keys and hashes computed in this run. */
  readonly cache: RunCache;
  /** Set once when the run is cancelled, times out or hits an internal error. */
  stop: StopReason | undefined;
  readonly #runtimes = new Map<Engine, Promise<Runtime>>();
  /** Outputs of task runs this process completed (saves a read per launch). */
  readonly outputs = new Map<string, StringMap>();
  #lastMs = Number.NaN;
  #lastIso = '';

  constructor(
    readonly job: Job,
    version: RunVersion,
    readonly runId: string,
    readonly params: StringMap,
    readonly startedAt: string,
    readonly plan: RunPlan,
    readonly settings: RunSettings,
    readonly deps: EngineDeps,
  ) {
    this.jobId = version.stableId;
    this.versionId = version.id;
    this.identity = jobIdentity(job, version.stableId, settings.engineOverride);
    this.cache = new RunCache(job, settings.cacheDefaults, settings.noCache || deps.cache === undefined);
  }

  /** A write of the run's progress, retried as `deps.retryWrite` says (once without it). */
  write<T>(write: () => Promise<T>): Promise<T> {
    return this.deps.retryWrite === undefined ? write() : this.deps.retryWrite(write);
  }

  /** The current time as an ISO string. */
  now(): string {
    const ms = this.deps.clock.now();
    if (ms !== this.#lastMs) {
      this.#lastMs = ms;
      this.#lastIso = new Date(ms).toISOString();
    }
    return this.#lastIso;
  }

  /** The runtime of an engine, asked for once per run. */
  runtime(engine: Engine): Promise<Runtime> {
    let r = this.#runtimes.get(engine);
    if (r === undefined) {
      r = this.deps.runtimes(engine);
      this.#runtimes.set(engine, r);
    }
    return r;
  }

  taskEvent<K extends TaskEventType>(type: K, taskId: string, payload: EventPayloads[K]): NewExecutionEvent {
    return { type, jobId: this.jobId, runId: this.runId, taskId, timestamp: this.now(), payload } as NewExecutionEvent;
  }

  runEvent<K extends RunEventType>(type: K, payload: EventPayloads[K]): NewExecutionEvent {
    return { type, jobId: this.jobId, runId: this.runId, taskId: null, timestamp: this.now(), payload } as NewExecutionEvent;
  }

  /** Hands events to the sink; a sink that throws is ignored. */
  publish(events: readonly EngineEvent[]): void {
    for (const event of events) {
      try {
        this.deps.events(event);
      } catch {
        // A broken reporter never fails a run (docs/architecture.md rule 6).
      }
    }
  }

  /** The error a task gets when the run stops under it. */
  cancelledTaskError(stepName: string): string {
    const cause = this.stop?.kind === 'timeout' ? 'context deadline exceeded' : 'run cancelled';
    return `task ${taskName(stepName)} cancelled: ${cause}`;
  }

  /** The run error of a stop. */
  stopError(stop: StopReason): string {
    switch (stop.kind) {
      case 'cancelled':
        return 'run cancelled';
      case 'timeout':
        return `run timed out after ${formatDuration(stop.afterMs)}`;
      case 'internal':
        return stop.message;
    }
  }
}
