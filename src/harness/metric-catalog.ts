/**
 * The metrics a scenario may assert (docs/decisions.md §14), with the label
 * names each series must be given, and the messages about them.
 */

/** Supported metric name → its label names, in the metric's own order. */
const HARNESS_METRICS: Readonly<Record<string, readonly string[]>> = {
  caesium_backfill_runs_total: ['job_alias', 'status'],
  caesium_backfills_active: ['job_alias'],
  caesium_callback_runs_total: ['job_id', 'status'],
  caesium_db_busy_retries_total: [],
  caesium_event_trigger_matches_total: ['trigger_id'],
  caesium_job_runs_total: ['job_id', 'status'],
  caesium_jobs_active: ['job_id'],
  caesium_lineage_events_emitted_total: ['event_type', 'status'],
  caesium_task_cache_entries: [],
  caesium_task_cache_hits_total: ['job_alias', 'task_name'],
  caesium_task_cache_misses_total: ['job_alias', 'task_name'],
  caesium_task_retries_total: ['job_alias', 'task_name', 'attempt'],
  caesium_task_runs_total: ['job_id', 'task_id', 'engine', 'status'],
  caesium_trigger_fires_total: ['job_id', 'trigger_type'],
  caesium_worker_claim_contention_total: ['node_id'],
  caesium_worker_claims_total: ['node_id'],
  caesium_worker_lease_expirations_total: ['node_id'],
};

/** The supported names, sorted. */
function supportedMetricNames(): string[] {
  return Object.keys(HARNESS_METRICS).sort();
}

/** The label names of a supported metric, or undefined for an unsupported one. */
export function metricLabelNames(name: string): readonly string[] | undefined {
  return Object.prototype.hasOwnProperty.call(HARNESS_METRICS, name) ? HARNESS_METRICS[name] : undefined;
}

/** `unsupported metric "<n>" (supported: a, b, …)`. */
export function unsupportedMetricMessage(name: string): string {
  return `unsupported metric ${JSON.stringify(name)} (supported: ${supportedMetricNames().join(', ')})`;
}

/** `expected labels [a b], got [a]` when the label names differ from the metric's, else undefined. */
export function labelMismatch(name: string, labels: Readonly<Record<string, string>>): string | undefined {
  const want = metricLabelNames(name);
  if (want === undefined) return undefined;
  const got = Object.keys(labels).sort();
  const sortedWant = [...want].sort();
  if (got.length === sortedWant.length && got.every((k, i) => k === sortedWant[i])) return undefined;
  return `expected labels [${want.join(' ')}], got [${got.join(' ')}]`;
}

/** `{k=v, k2=v2}` with keys sorted, `{}` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort();
  return `{${keys.map((k) => `${k}=${labels[k]}`).join(', ')}}`;
}
