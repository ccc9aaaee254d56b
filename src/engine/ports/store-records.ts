/**
 * The rows a `Store` reads and writes, as plain values. Times are ISO-8601
 * UTC strings (`2026-01-02T03:04:05.678Z`); JSON columns are decoded.
 */
import type { CacheSpec, Engine, Job, StepType, StringMap } from '../../jobdef/types.js';
import type { RunStatus, TaskRunStatus } from './status.js';

/** One applied version of a job definition. */
export interface JobRecord {
  /** The version's id (runs name the version they run). */
  id: string;
  /**
   * The job's stable id, the same for every version of the alias: its catalog
   * id once the server registered it, else the id of its first version.
   * Events and payloads name the job by it.
   */
  stableId: string;
  alias: string;
  /** 1, 2, … per alias. */
  version: number;
  /** SHA-256 hex of the canonical JSON of the definition. */
  contentHash: string;
  definition: unknown;
  /** The definition normalised when the version was applied (what runs execute); `job.spec` is `definition`. */
  job: Job;
  /** True for the alias's current version. */
  current: boolean;
  createdAt: string;
}

/** One step of a job version. */
export interface TaskRecord {
  id: string;
  jobId: string;
  name: string;
  position: number;
  type: StepType;
  engine: Engine;
  image: string;
  command: string[] | null;
  retries: number;
  retryDelayMs: number;
  retryBackoff: boolean;
  triggerRule: string;
  outputSchema: Record<string, unknown> | null;
  inputSchema: Record<string, Record<string, unknown>> | null;
  cacheConfig: CacheSpec | null;
}

export interface EdgeRecord {
  fromTaskId: string;
  toTaskId: string;
}

/** What `jobs.apply` returns. */
export interface AppliedJob {
  job: JobRecord;
  tasks: TaskRecord[];
  edges: EdgeRecord[];
  /** False when the current version already had this content hash (nothing written). */
  changed: boolean;
}

/**
 * How a run was started (docs/decisions.md §11.3): a trigger fired it (cron, http
 * hook) or a backfill launched it. Neither is set for a manual run.
 */
export interface RunOrigin {
  triggerId?: string;
  backfillId?: string;
}

export interface RunRecord {
  id: string;
  jobId: string;
  status: RunStatus;
  params: StringMap;
  error: string | null;
  startedAt: string;
  completedAt: string | null;
  /** The trigger that fired the run; null for manual and backfill runs. */
  triggerId: string | null;
  /** The backfill that launched the run. */
  backfillId: string | null;
  /** Who cancelled the run (`POST …/cancel`); null when nobody did. */
  cancelledBy: string | null;
  /** The priority a manual run asked for; null when it named none. */
  priority: RunPriority | null;
  /** 1, then one more for each retry of the run. */
  attempt: number;
  /** When the current attempt began (`startedAt` for the first). */
  attemptStartedAt: string;
  /** The latest retry; null for a run never retried. */
  retry: RunRetry | null;
}

/** What a retry of a finished run re-ran and kept (`POST …/runs/:run_id/retry`). */
export interface RunRetry {
  /** The step the retry started from; null when it re-ran every task that had not succeeded. */
  from: string | null;
  /** With `from`: whether everything downstream of it re-ran too. */
  downstream: boolean;
  /** Steps whose results the retry kept, in step order. */
  kept: string[];
  /** Steps the retry re-ran, in step order. */
  rerun: string[];
  /** How the attempt before this one ended. */
  previous: { status: 'succeeded' | 'failed' | 'cancelled'; error: string | null; completedAt: string | null };
}

/** The priority of a manual run (`POST /v1/jobs/:id/run`). */
export type RunPriority = 'high' | 'normal' | 'low';

export interface SchemaViolation {
  /** JSON pointer of the instance location, "" for the root. */
  key: string;
  message: string;
}

export interface TaskRunRecord {
  id: string;
  runId: string;
  taskId: string;
  /** The step name. */
  name: string;
  status: TaskRunStatus;
  attempt: number;
  maxAttempts: number;
  outstandingPredecessors: number;
  result: string | null;
  exitCode: number | null;
  output: StringMap | null;
  branchSelections: string[] | null;
  schemaViolations: SchemaViolation[] | null;
  /** The failure text, or the reason a task was skipped or cancelled. */
  error: string | null;
  runtimeId: string | null;
  cacheHit: boolean;
  claimedBy: string | null;
  /** A retry is not claimable before this time. */
  notBefore: string | null;
  startedAt: string | null;
  completedAt: string | null;
  position: number;
}

/** A finished task run made pending again by a retry of its run. */
export interface ReopenedTaskRun {
  attempt: number;
  maxAttempts: number;
  outstandingPredecessors: number;
}

export interface NewTaskRun {
  id?: string;
  taskId: string;
  name: string;
  position: number;
  maxAttempts: number;
  outstandingPredecessors: number;
}

/** A terminal write of a task run. Omitted fields keep their value. */
export interface TaskRunFinish {
  status: Exclude<TaskRunStatus, 'pending' | 'running'>;
  completedAt: string;
  result?: string | null;
  exitCode?: number | null;
  output?: StringMap | null;
  branchSelections?: string[] | null;
  schemaViolations?: SchemaViolation[] | null;
  error?: string | null;
  cacheHit?: boolean;
}

/** A successor after its count of unfinished predecessors was decremented. */
export interface OutstandingUpdate {
  id: string;
  status: TaskRunStatus;
  attempt: number;
  outstandingPredecessors: number;
  position: number;
}

export interface LogSnapshot {
  text: string;
  truncated: boolean;
}

/** A row of `task_caches` (docs/decisions.md §3.4). */
export interface CacheEntry {
  hash: string;
  jobId: string;
  taskName: string;
  result: string;
  output: StringMap;
  branchSelections: string[];
  runId: string;
  taskRunId: string;
  resolvedImageDigest: string | null;
  hashInputBlob: unknown;
  createdAt: string;
  expiresAt: string | null;
}
