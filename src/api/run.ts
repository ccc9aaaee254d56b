/**
 * Run and task-run JSON. A task run's `id` is its
 * task id, as the original's API has it; `task_run_id` carries the row id.
 * How the run started: `backfill_id` when a backfill launched it,
 * `trigger_type`/`trigger_alias` when a trigger fired it; a manual run has
 * none of the three.
 */
import type { Engine, StringMap } from '../jobdef/types.js';
import type { RunRetryJson } from './run-control.js';
import type { RunStatusJson, TaskRunStatusJson } from './status.js';

export interface RunJson {
  id: string;
  /** The job's stable id. */
  job_id: string;
  /** The job version the run executes. */
  job_version_id: string;
  job_alias: string;
  job_labels: StringMap;
  backfill_id?: string;
  trigger_type?: string;
  trigger_alias?: string;
  status: RunStatusJson;
  /** With status `queued`: the place in the run pool's queue (1 runs next). */
  queue_position?: number;
  /** 1 low, 2 normal (the default), 3 high: what `POST …/run` asked for, as the original's run JSON has it. */
  priority: 1 | 2 | 3;
  params: StringMap;
  started_at: string;
  completed_at?: string;
  created_at: string;
  updated_at: string;
  error?: string;
  /** Who cancelled the run (`POST …/cancel`). */
  cancelled_by?: string;
  /** 1, then one more for each retry (`POST …/retry`). */
  attempt: number;
  /** The latest retry: what it kept and re-ran; absent for a run never retried. */
  retry?: RunRetryJson;
  /** Empty in the answer to `POST /v1/jobs/:id/run` (the run has just been admitted). */
  tasks: TaskRunJson[];
  /** The callback attempts, on a single run (`GET …/runs/:run_id`). */
  callbacks?: CallbackRunJson[];
  cache_hits: number;
  executed_tasks: number;
  total_tasks: number;
}

export interface TaskRunJson {
  /** The task id. */
  id: string;
  task_run_id: string;
  job_run_id: string;
  task_id: string;
  atom_id: string;
  /** The step name. */
  name: string;
  job_alias: string;
  /** Null when the task is not in the run's job version (a damaged database). */
  engine: Engine | null;
  image: string | null;
  command: string[];
  status: TaskRunStatusJson;
  attempt: number;
  max_attempts: number;
  outstanding_predecessors: number;
  cache_hit: boolean;
  runtime_id?: string;
  claimed_by?: string;
  result?: string;
  exit_code?: number;
  output?: StringMap;
  branch_selections?: string[];
  schema_violations?: SchemaViolationJson[];
  error?: string;
  started_at?: string;
  completed_at?: string;
}

/** One output-schema violation: `key` is the JSON pointer of the instance location ("" for the root). */
export interface SchemaViolationJson {
  key: string;
  message: string;
}

/** One attempt of one callback of a run. */
export interface CallbackRunJson {
  id: string;
  callback_id: string;
  status: 'pending' | 'running' | 'succeeded' | 'failed';
  started_at: string;
  error?: string;
  completed_at?: string;
}

/** `POST /v1/jobs/:id/run`: `params` overlay the trigger's `defaultParams` (values become text). */
export interface RunRequestJson {
  params?: Record<string, string | number | boolean>;
  priority?: 'high' | 'normal' | 'low';
}

/** The JSON Schema of the run body (an empty body is a run without params). */
export const RUN_REQUEST_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    params: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    priority: { enum: ['high', 'normal', 'low'] },
  },
};
