/**
 * Every Prometheus family caesium registers (docs/decisions.md §5): names,
 * types, label names and buckets are a contract with dashboards built on the
 * original, so they are written here once, as data.
 */

/** A Prometheus metric type. */
export type MetricKind = 'counter' | 'gauge' | 'histogram';

/** One metric family. */
export interface MetricFamily {
  readonly name: string;
  readonly kind: MetricKind;
  readonly help: string;
  readonly labelNames: readonly string[];
  /** Histograms only. */
  readonly buckets?: readonly number[];
}

/** Prometheus' default buckets (Go `prometheus.DefBuckets`). */
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
const KB = 1024;
const MB = 1024 * KB;
/** HTTP size buckets of the original's request middleware: 1 KiB … 10 MiB. */
const SIZE_BUCKETS = [KB, 2 * KB, 5 * KB, 10 * KB, 100 * KB, 500 * KB, MB, 2.5 * MB, 5 * MB, 10 * MB] as const;
const HTTP_LABELS = ['code', 'method', 'host', 'url'] as const;
const CACHE_LABELS = ['job_alias', 'task_name'] as const;

/** Families registered on every caesium registry. */
export const CAESIUM_FAMILIES = [
  { name: 'caesium_job_runs_total', kind: 'counter', help: 'Job runs that ended, by final status.', labelNames: ['job_id', 'status'] },
  {
    name: 'caesium_job_run_duration_seconds',
    kind: 'histogram',
    help: 'Wall time of job runs, from start to end, in seconds.',
    labelNames: ['job_id', 'status'],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
  },
  { name: 'caesium_jobs_active', kind: 'gauge', help: 'Runs of the job currently in progress in this process.', labelNames: ['job_id'] },
  {
    name: 'caesium_task_runs_total',
    kind: 'counter',
    help: 'Task runs that executed and ended, by status.',
    labelNames: ['job_id', 'task_id', 'engine', 'status'],
  },
  {
    name: 'caesium_task_run_duration_seconds',
    kind: 'histogram',
    help: 'Wall time of executed task runs in seconds.',
    labelNames: ['job_id', 'engine', 'status'],
    buckets: [0.5, 1, 5, 15, 30, 60, 120, 300, 600],
  },
  {
    name: 'caesium_task_failures_total',
    kind: 'counter',
    help: 'Task runs that failed for good (no attempt left), by step.',
    labelNames: ['job_id', 'task_name', 'engine'],
  },
  { name: 'caesium_run_failures_total', kind: 'counter', help: 'Job runs that ended failed (timeouts included).', labelNames: ['job_id'] },
  { name: 'caesium_run_retries_total', kind: 'counter', help: 'Retries of finished job runs (POST …/retry).', labelNames: ['job_id'] },
  { name: 'caesium_run_timeouts_total', kind: 'counter', help: 'Job runs that ended failed on their run timeout.', labelNames: ['job_id'] },
  {
    name: 'caesium_task_register_batch_size',
    kind: 'histogram',
    help: 'Task runs registered when a run is created.',
    labelNames: [],
    buckets: [0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
  },
  {
    name: 'caesium_task_retries_total',
    kind: 'counter',
    help: 'Failed task attempts that were retried, by failed attempt number.',
    labelNames: ['job_alias', 'task_name', 'attempt'],
  },
  { name: 'caesium_task_cache_hits_total', kind: 'counter', help: 'Tasks answered from the task cache.', labelNames: CACHE_LABELS },
  {
    name: 'caesium_task_cache_misses_total',
    kind: 'counter',
    help: 'Cacheable tasks with no usable cache entry.',
    labelNames: CACHE_LABELS,
  },
  {
    name: 'caesium_task_cache_short_circuits_total',
    kind: 'counter',
    help: 'Re-executed tasks whose output matched a cached result.',
    labelNames: CACHE_LABELS,
  },
  { name: 'caesium_task_cache_entries', kind: 'gauge', help: 'Entries in the task cache.', labelNames: [] },
  {
    name: 'caesium_trigger_fires_total',
    kind: 'counter',
    help: 'Cron trigger fires, catch-up included.',
    labelNames: ['job_id', 'trigger_type'],
  },
  {
    name: 'caesium_webhook_auth_failures_total',
    kind: 'counter',
    help: 'HTTP trigger requests rejected by authentication.',
    labelNames: ['path', 'reason'],
  },
  { name: 'caesium_callback_runs_total', kind: 'counter', help: 'Callback attempts, by outcome.', labelNames: ['job_id', 'status'] },
  {
    name: 'caesium_backfill_runs_total',
    kind: 'counter',
    help: 'Runs started and ended by backfills, by status.',
    labelNames: ['job_alias', 'status'],
  },
  { name: 'caesium_backfills_active', kind: 'gauge', help: 'Backfills in progress.', labelNames: ['job_alias'] },
  {
    name: 'caesium_run_skipped_total',
    kind: 'counter',
    help: 'Runs not started because of a concurrency or rate limit.',
    labelNames: ['job_alias', 'reason'],
  },
  { name: 'caesium_worker_claims_total', kind: 'counter', help: 'Tasks claimed by this node.', labelNames: ['node_id'] },
  {
    name: 'caesium_worker_claim_contention_total',
    kind: 'counter',
    help: 'Claim or reclaim attempts retried because the database was busy.',
    labelNames: ['node_id'],
  },
  {
    name: 'caesium_worker_lease_expirations_total',
    kind: 'counter',
    help: 'Expired task leases reclaimed by this node.',
    labelNames: ['node_id'],
  },
  { name: 'caesium_task_priority_claim_total', kind: 'counter', help: 'Claimed tasks, by priority.', labelNames: ['priority'] },
  {
    name: 'caesium_reclaim_duration_seconds',
    kind: 'histogram',
    help: 'Time spent reclaiming expired task leases, in seconds.',
    labelNames: [],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  },
  {
    name: 'caesium_db_busy_retries_total',
    kind: 'counter',
    help: 'Database operations retried because the database was busy or locked.',
    labelNames: [],
  },
  { name: 'caesium_db_writes_total', kind: 'counter', help: 'Rows written to the database, by category.', labelNames: ['category'] },
  { name: 'caesium_db_statements_total', kind: 'counter', help: 'Write statements executed, by category.', labelNames: ['category'] },
  {
    name: 'caesium_event_bus_dropped_total',
    kind: 'counter',
    help: 'Events a subscriber missed because its buffer was full.',
    labelNames: ['event_type'],
  },
  {
    name: 'caesium_requests_total',
    kind: 'counter',
    help: 'HTTP requests served, by status code, method, host and route.',
    labelNames: HTTP_LABELS,
  },
  {
    name: 'caesium_request_duration_seconds',
    kind: 'histogram',
    help: 'HTTP request latency in seconds.',
    labelNames: HTTP_LABELS,
    buckets: DEFAULT_BUCKETS,
  },
  {
    name: 'caesium_request_size_bytes',
    kind: 'histogram',
    help: 'Approximate HTTP request size in bytes.',
    labelNames: HTTP_LABELS,
    buckets: SIZE_BUCKETS,
  },
  {
    name: 'caesium_response_size_bytes',
    kind: 'histogram',
    help: 'HTTP response size in bytes.',
    labelNames: HTTP_LABELS,
    buckets: SIZE_BUCKETS,
  },
  {
    name: 'caesium_auth_requests_total',
    kind: 'counter',
    help: 'Authenticated API requests, by outcome, role, method and route.',
    labelNames: ['outcome', 'role', 'method', 'path'],
  },
  { name: 'caesium_auth_failures_total', kind: 'counter', help: 'Authentication failures, by reason.', labelNames: ['reason'] },
  {
    name: 'caesium_auth_key_age_seconds',
    kind: 'histogram',
    help: 'Age of the API key presented with a request, in seconds.',
    labelNames: [],
    buckets: [3600, 86400, 604800, 2592000, 7776000, 15552000, 31536000],
  },
  {
    name: 'caesium_audit_log_entries_total',
    kind: 'counter',
    help: 'Audit log entries written, by action and outcome.',
    labelNames: ['action', 'outcome'],
  },
] as const satisfies readonly MetricFamily[];

/** Families registered only when OpenLineage is enabled. */
export const LINEAGE_FAMILIES = [
  {
    name: 'caesium_lineage_events_emitted_total',
    kind: 'counter',
    help: 'OpenLineage events sent, by event type and outcome.',
    labelNames: ['event_type', 'status'],
  },
  {
    name: 'caesium_lineage_emit_duration_seconds',
    kind: 'histogram',
    help: 'Time to hand one OpenLineage event to its transport, retries included, in seconds.',
    labelNames: ['transport'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
  },
] as const satisfies readonly MetricFamily[];
