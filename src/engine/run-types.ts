/** What `runJob` needs and what it returns. */
import type { Engine, StringMap } from '../jobdef/types.js';
import type { Clock } from './ports/clock.js';
import type { EventSink } from './ports/events.js';
import type { Runtime } from './ports/runtime.js';
import type { RunStatus, TaskRunStatus } from './ports/status.js';
import type { RunOrigin, RunPriority, SchemaViolation } from './ports/store-records.js';
import type { RunStore } from './ports/run-store.js';
import type { TaskCache } from './ports/task-cache.js';
import type { CacheDefaults } from './cache/settings.js';
import type { InputDigester } from './ports/input-files.js';
import type { CacheDecision } from './cache-explain.js';

/** docs/decisions.md D6: `continue` honours trigger rules after failures (default); `halt` starts nothing new after the first failure. */
export type FailurePolicy = 'continue' | 'halt';

/** The ports the engine works through; it does no I/O of its own. */
export interface EngineDeps {
  store: RunStore;
  /** The runtime of an engine (the caller caches and closes them). */
  runtimes: (engine: Engine) => Promise<Runtime>;
  clock: Clock;
  events: EventSink;
  /** Id generator for runs and task runs (the store's UUIDs when absent). */
  ids?: () => string;
  /** The task cache (docs/decisions.md §3); without one no task is looked up or stored. */
  cache?: TaskCache;
  /** Content digests of input files for cache keys (`cache.inputs`, files a local command names); without it none enter. */
  inputDigests?: InputDigester;
  /** Called for every task with whether it hit the cache and why (`--explain-cache`); when set, a miss is compared with the step's newest entry. */
  onCacheDecision?: (decision: CacheDecision) => void;
  /** Called when a cacheable task found no usable entry (`caesium_task_cache_misses_total`). Never persisted. */
  onCacheMiss?: (jobAlias: string, taskName: string) => void;
  /**
   * Called when a re-executed task's output equalled a prior entry's, so its
   * successors saw that entry's hash (`caesium_task_cache_short_circuits_total`).
   */
  onCacheShortCircuit?: (jobAlias: string, taskName: string) => void;
  /**
   * Runs a write of a run's progress (a claim, a task's start or completion, a requeue, the run's
   * end) and retries it while the store cannot be written: the server waits so for a full disk to
   * be freed, and the run then goes on where it was. Default: written once; a failure rejects.
   */
  retryWrite?: <T>(write: () => Promise<T>) => Promise<T>;
}

export interface RunOptions {
  /** Run parameters, laid over the trigger's `defaultParams` (docs/decisions.md D8). */
  params?: StringMap;
  /** The default parallelism (the caller passes the CPU count); `metadata.maxParallelTasks` > 0 wins over it. */
  maxParallel: number;
  /** `--max-parallel`: wins over the job and the default. */
  maxParallelOverride?: number;
  /** Per-attempt task timeout; overrides `metadata.taskTimeout`. 0 = none. */
  taskTimeoutMs?: number;
  /** Whole-run timeout; overrides `metadata.runTimeout`. 0 = none. */
  runTimeoutMs?: number;
  /** Runs every step on this engine (`--engine`). */
  engineOverride?: Engine;
  failurePolicy?: FailurePolicy;
  /** Aborting cancels the run (Ctrl-C). */
  signal: AbortSignal;
  /** A base environment every task gets, below the step's own `env`. */
  env?: StringMap;
  /** Run an already applied job version instead of applying `job`. */
  jobId?: string;
  /** What started the run (the trigger or backfill), recorded on its row; none for a manual run. */
  origin?: RunOrigin;
  /** The priority a manual run asked for, recorded on its row. */
  priority?: RunPriority;
  /** Recorded as `claimed_by` (default `local`). */
  workerId?: string;
  /** The cache's environment layer (`CAESIUM_CACHE_*`, see `cacheDefaultsFromEnv`); default: disabled, 24h. */
  cacheDefaults?: CacheDefaults;
  /** Bypasses the task cache: no lookups and no stores (`--no-cache`). */
  noCache?: boolean;
  /** Steps that execute even when the cache holds their result (a partial run's chosen steps); their new result is stored. */
  refresh?: readonly string[];
}

/** One task run as the run ended. */
export interface TaskSummary {
  /** Task-run id. */
  id: string;
  taskId: string;
  name: string;
  status: TaskRunStatus;
  attempt: number;
  maxAttempts: number;
  result: string | null;
  exitCode: number | null;
  /** The failure text, or why the task was skipped or cancelled. */
  error: string | null;
  output: StringMap;
  branchSelections: string[];
  schemaViolations: SchemaViolation[];
  warnings: string[];
  startedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
  cacheHit: boolean;
}

/** What `runJob` returns. */
export interface RunSummary {
  runId: string;
  jobId: string;
  jobAlias: string;
  status: Exclude<RunStatus, 'running'>;
  error: string | null;
  params: StringMap;
  startedAt: string;
  completedAt: string;
  durationMs: number;
  /** In definition order. */
  tasks: TaskSummary[];
}
