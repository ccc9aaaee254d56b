/**
 * The JSON the server sends and accepts (server.md §11, D16: snake_case).
 * Only the members the client reads are typed; the rest pass through.
 */
import type { JobSpec } from '../jobdef/types.js';

/** A definition as sent to `/v1/jobdefs/*`: a `JobSpec` with durations as integer nanoseconds. */
export type DefinitionJson = Omit<JobSpec, 'metadata' | 'steps'> & {
  metadata: Omit<JobSpec['metadata'], 'taskTimeout' | 'runTimeout'> & { taskTimeout?: number; runTimeout?: number };
  steps: (Omit<JobSpec['steps'][number], 'retryDelay'> & { retryDelay?: number })[];
};

export interface ProvenanceJson {
  source_id?: string;
  repo?: string;
  ref?: string;
  commit?: string;
  path?: string;
}

export interface ApplyRequestJson {
  definitions: DefinitionJson[];
  force?: boolean;
  prune?: boolean;
  provenance?: ProvenanceJson;
}

export interface ApplyResponseJson {
  applied: number;
  pruned?: string[];
  jobs: { id: string; alias: string; version: number; changed: boolean }[];
}

export interface JobJson {
  id: string;
  alias: string;
  paused: boolean;
  latest_run?: { id: string; status: string; started_at: string; completed_at?: string };
  [key: string]: unknown;
}

export interface TaskRunJson {
  id: string;
  task_run_id: string;
  name: string;
  status: string;
  attempt: number;
  error?: string;
  started_at?: string;
  completed_at?: string;
  [key: string]: unknown;
}

export interface RunJson {
  id: string;
  job_id: string;
  job_alias: string;
  /** Set when a backfill launched the run. */
  backfill_id?: string;
  /** Set when a trigger fired the run (`cron`, `http`), with the trigger's alias. */
  trigger_type?: string;
  trigger_alias?: string;
  status: string;
  params: Record<string, string>;
  started_at: string;
  completed_at?: string;
  error?: string;
  tasks: TaskRunJson[];
  [key: string]: unknown;
}

/** A task log snapshot (`text` undefined when the server answered 204). */
export interface TaskLogJson {
  text: string | undefined;
  state: string | undefined;
  truncated: boolean;
}
