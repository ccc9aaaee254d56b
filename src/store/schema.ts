/**
 * Table shapes as Kysely sees them. Portable column types only: text ids
 * (UUIDs), ISO-8601 text times, JSON as text, booleans as 0/1 integers.
 */
import type { Generated } from 'kysely';

export interface JobsTable {
  id: string;
  alias: string;
  version: number;
  content_hash: string;
  definition: string;
  is_current: number;
  created_at: string;
  /** The job's stable id, shared by its versions (null only in a row no migration could fill). */
  stable_id: string | null;
  /** The normalised job as applied (see stored-job.ts); null only in a damaged row. */
  normalized: string | null;
}

export interface TasksTable {
  id: string;
  job_id: string;
  name: string;
  type: string;
  engine: string;
  image: string;
  command: string | null;
  retries: number;
  retry_delay_ms: number;
  retry_backoff: number;
  trigger_rule: string;
  output_schema: string | null;
  input_schema: string | null;
  cache_config: string | null;
  position: number;
}

export interface EdgesTable {
  job_id: string;
  from_task_id: string;
  to_task_id: string;
}

export interface TriggersTable {
  id: string;
  job_id: string;
  type: string;
  configuration: string;
  default_params: string;
}

export interface RunsTable {
  id: string;
  job_id: string;
  status: string;
  params: string;
  error: string | null;
  started_at: string;
  completed_at: string | null;
  /** The trigger that fired the run (cron, http); null for manual and backfill runs. */
  trigger_id: string | null;
  /** The backfill that launched the run; null otherwise. */
  backfill_id: string | null;
  /** Who cancelled the run (migration 0011). */
  cancelled_by: string | null;
  /** The priority a manual run asked for (`high`, `normal`, `low`). */
  priority: string | null;
  /** 1, then one more per retry (migration 0013). */
  attempt: Generated<number>;
  /** When the current attempt began; null: `started_at`. */
  attempt_started_at: string | null;
  /** JSON of the latest retry (`RunRetry`); null for a run never retried. */
  retry: string | null;
}

export interface TaskRunsTable {
  id: string;
  run_id: string;
  task_id: string;
  name: string;
  status: string;
  attempt: number;
  max_attempts: number;
  outstanding_predecessors: number;
  result: string | null;
  exit_code: number | null;
  output: string | null;
  branch_selections: string | null;
  schema_violations: string | null;
  error: string | null;
  runtime_id: string | null;
  cache_hit: number;
  claimed_by: string | null;
  not_before: string | null;
  started_at: string | null;
  completed_at: string | null;
  position: number;
}

export interface TaskLogsTable {
  task_run_id: string;
  run_id: string;
  text: string;
  truncated: number;
  saved_at: string;
}

/** A whole-line piece of a task attempt's live output (migration 0012). */
export interface TaskLogChunksTable {
  task_run_id: string;
  attempt: number;
  seq: number;
  run_id: string;
  first_line: number;
  line_count: number;
  byte_offset: number;
  text: string;
}

/** A task run's latest launch, `secret://` references unresolved (migration 0014). */
export interface TaskDescriptorsTable {
  task_run_id: string;
  run_id: string;
  attempt: number;
  /** JSON of `RecordedLaunch` (store/ports/task-descriptors.ts). */
  launch: string;
  recorded_at: string;
}

/** The provenance a job version was applied with (migration 0012). */
export interface JobVersionSourcesTable {
  job_id: string;
  provenance: string | null;
}

export interface ExecutionEventsTable {
  sequence: Generated<number>;
  type: string;
  job_id: string | null;
  run_id: string | null;
  task_id: string | null;
  payload: string | null;
  created_at: string;
}

export interface CallbacksTable {
  id: string;
  job_id: string;
  type: string;
  configuration: string;
  position: number;
}

export interface CallbackRunsTable {
  id: string;
  callback_id: string;
  run_id: string;
  status: string;
  error: string | null;
  started_at: string;
  completed_at: string | null;
}

export interface TaskCachesTable {
  hash: string;
  job_id: string;
  task_name: string;
  result: string;
  output: string;
  branch_selections: string;
  run_id: string;
  task_run_id: string;
  resolved_image_digest: string | null;
  hash_input_blob: string | null;
  created_at: string;
  expires_at: string | null;
}

export interface JobCatalogTable {
  alias: string;
  id: string;
  paused: number;
  provenance_source_id: string | null;
  provenance_repo: string | null;
  provenance_ref: string | null;
  provenance_commit: string | null;
  provenance_path: string | null;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Accepted timestamped webhook deliveries (replay protection, docs/decisions.md §8). */
export interface HookDeliveriesTable {
  key: string;
  path: string;
  receipt_id: string;
  received_at: string;
  expires_at: string;
}

export interface WriteProbesTable {
  id: number;
  written_at: string;
}

export interface TriggerStateTable {
  job_id: string;
  last_slot: string;
  schedule: string;
  updated_at: string;
}

export interface BackfillsTable {
  id: string;
  job_id: string;
  status: string;
  start_at: string;
  end_at: string;
  max_concurrent: number;
  reprocess: string;
  total_runs: number;
  completed_runs: number;
  failed_runs: number;
  cancel_requested_at: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface BackfillSlotsTable {
  backfill_id: string;
  position: number;
  logical_date: string;
  run_id: string | null;
  state: string;
}

export interface ApiKeysTable {
  id: string;
  key_prefix: string;
  key_hash: string;
  role: string;
  description: string | null;
  /** JSON `{"jobs": [alias, …]}`, or null for every job. */
  scope: string | null;
  created_by: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  result: string;
  status: number;
  client_ip: string;
}

/** The whole database. */
export interface Database {
  jobs: JobsTable;
  tasks: TasksTable;
  edges: EdgesTable;
  triggers: TriggersTable;
  runs: RunsTable;
  task_runs: TaskRunsTable;
  task_logs: TaskLogsTable;
  task_log_chunks: TaskLogChunksTable;
  task_descriptors: TaskDescriptorsTable;
  job_version_sources: JobVersionSourcesTable;
  execution_events: ExecutionEventsTable;
  callbacks: CallbacksTable;
  callback_runs: CallbackRunsTable;
  task_caches: TaskCachesTable;
  job_catalog: JobCatalogTable;
  trigger_state: TriggerStateTable;
  backfills: BackfillsTable;
  backfill_slots: BackfillSlotsTable;
  hook_deliveries: HookDeliveriesTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  write_probes: WriteProbesTable;
  nodes: NodesTable;
  run_leases: RunLeasesTable;
  run_cancel_requests: RunCancelRequestsTable;
}

/** A server sharing the database (migration 0016); times in epoch milliseconds of the database's clock. */
export interface NodesTable {
  address: string;
  /** JSON object of the node's `CAESIUM_NODE_LABELS`. */
  labels: string;
  capacity: number;
  version: string;
  started_at_ms: number;
  heartbeat_at_ms: number;
}

/** The node driving a running run, until `expires_at_ms`; `epoch` grows with every takeover. */
export interface RunLeasesTable {
  run_id: string;
  node: string;
  expires_at_ms: number;
  epoch: number;
}

/** A cancel of a run asked of a node that does not drive it (migration 0016). */
export interface RunCancelRequestsTable {
  run_id: string;
  requested_by: string;
  requested_at_ms: number;
}
