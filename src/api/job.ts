/**
 * Job, task and DAG JSON (snake_case throughout;
 * durations as integer nanoseconds; DAG nodes carry their step `name`).
 * A step is its own atom: `atom_id` is the task id (`GET /v1/atoms/:id`).
 */
import type { CacheSpec, Engine, StepType, StringMap, TriggerType } from '../jobdef/types.js';
import type { ProvenanceMembersJson, TriggerJson } from './inventory.js';
import type { RunJson } from './run.js';
import type { RunStatusJson } from './status.js';

/** A job: its catalog entry and current version. */
export interface JobJson extends ProvenanceMembersJson {
  /** Stable across re-applies of the alias. */
  id: string;
  alias: string;
  version: number;
  labels: StringMap;
  annotations: StringMap;
  trigger_type: TriggerType;
  max_parallel_tasks: number;
  /** Nanoseconds; 0 means none. */
  task_timeout: number;
  run_timeout: number;
  paused: boolean;
  created_at: string;
  updated_at: string;
  schema_validation?: 'warn' | 'fail';
  cache_config?: CacheSpec;
  /** Set when `prune` retired the job. */
  retired_at?: string;
}

/** The newest run of a job as `GET /v1/jobs` lists it. */
export type LatestRunJson = Pick<RunJson, 'id' | 'job_id' | 'status' | 'started_at' | 'completed_at' | 'error'>;

/** One of a job's last runs, oldest first; `duration` in seconds once it ended. */
export interface LastRunJson {
  status: RunStatusJson;
  duration?: number;
}

/** `GET /v1/jobs`. */
export type JobListEntryJson = JobJson & {
  last_runs: LastRunJson[];
  latest_run?: LatestRunJson;
  /** A cron job not paused: when its trigger fires next (RFC 3339, UTC). */
  next_fire_at?: string;
};

/** `GET /v1/jobs/:id/definition`: the current version's definition as applied, and as YAML text. */
export interface JobDefinitionJson {
  job_id: string;
  version: number;
  content_hash: string;
  definition: unknown;
  yaml: string;
}

/** `GET /v1/jobs/:id`: the job with its trigger and its newest run in full. */
export type JobDetailJson = JobJson & { trigger_id?: string; trigger?: TriggerJson; latest_run?: RunJson };

/** `GET /v1/jobs/:id/tasks`: the steps of the current version. */
export interface TaskJson {
  id: string;
  job_id: string;
  atom_id: string;
  name: string;
  type: StepType;
  engine: Engine;
  image: string;
  command: string[];
  position: number;
  retries: number;
  /** Nanoseconds. */
  retry_delay: number;
  retry_backoff: boolean;
  trigger_rule: string;
  created_at: string;
  updated_at: string;
  node_selector?: StringMap;
  cache_config?: CacheSpec;
  output_schema?: Record<string, unknown>;
  input_schema?: Record<string, Record<string, unknown>>;
}

/** `GET /v1/jobs/:id/dag`: nodes in step order with sorted successor ids, and every edge. */
export interface DagJson {
  job_id: string;
  nodes: DagNodeJson[];
  edges: { from: string; to: string }[];
}

export interface DagNodeJson {
  id: string;
  atom_id: string;
  name: string;
  engine: Engine;
  image: string;
  successors: string[];
  /** Set for steps that are not plain tasks (`branch`). */
  type?: StepType;
  output_schema?: Record<string, unknown>;
  input_schema?: Record<string, Record<string, unknown>>;
}
