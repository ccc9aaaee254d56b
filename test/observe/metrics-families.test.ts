/**
 * The registry against docs/decisions.md §5, transcribed here by hand (not
 * read from src/observe/metrics/families.ts) so a typo on either side fails.
 */
import { describe, expect, it } from 'vitest';
import type { Metric } from 'prom-client';
import { createMetrics, enableLineageMetrics, type FamilyName } from '../../src/observe/metrics/create-metrics.js';
import { readMetric } from '../../src/observe/metrics/read-metric.js';

type Row = [name: string, type: 'counter' | 'gauge' | 'histogram', labels: string[], buckets?: number[]];
const DEF = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SIZE = [1024, 2048, 5120, 10240, 102400, 512000, 1048576, 2621440, 5242880, 10485760];
const HTTP = ['code', 'method', 'host', 'url'];

const SPEC: Row[] = [
  ['caesium_job_runs_total', 'counter', ['job_id', 'status']],
  ['caesium_job_run_duration_seconds', 'histogram', ['job_id', 'status'], [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600]],
  ['caesium_jobs_active', 'gauge', ['job_id']],
  ['caesium_task_runs_total', 'counter', ['job_id', 'task_id', 'engine', 'status']],
  ['caesium_task_run_duration_seconds', 'histogram', ['job_id', 'engine', 'status'], [0.5, 1, 5, 15, 30, 60, 120, 300, 600]],
  ['caesium_task_failures_total', 'counter', ['job_id', 'task_name', 'engine']],
  ['caesium_run_failures_total', 'counter', ['job_id']],
  ['caesium_run_timeouts_total', 'counter', ['job_id']],
  ['caesium_run_retries_total', 'counter', ['job_id']],
  ['caesium_task_register_batch_size', 'histogram', [], [0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000]],
  ['caesium_task_retries_total', 'counter', ['job_alias', 'task_name', 'attempt']],
  ['caesium_task_cache_hits_total', 'counter', ['job_alias', 'task_name']],
  ['caesium_task_cache_misses_total', 'counter', ['job_alias', 'task_name']],
  ['caesium_task_cache_short_circuits_total', 'counter', ['job_alias', 'task_name']],
  ['caesium_task_cache_entries', 'gauge', []],
  ['caesium_trigger_fires_total', 'counter', ['job_id', 'trigger_type']],
  ['caesium_webhook_auth_failures_total', 'counter', ['path', 'reason']],
  ['caesium_callback_runs_total', 'counter', ['job_id', 'status']],
  ['caesium_backfill_runs_total', 'counter', ['job_alias', 'status']],
  ['caesium_backfills_active', 'gauge', ['job_alias']],
  ['caesium_run_skipped_total', 'counter', ['job_alias', 'reason']],
  ['caesium_worker_claims_total', 'counter', ['node_id']],
  ['caesium_worker_claim_contention_total', 'counter', ['node_id']],
  ['caesium_worker_lease_expirations_total', 'counter', ['node_id']],
  ['caesium_task_priority_claim_total', 'counter', ['priority']],
  ['caesium_reclaim_duration_seconds', 'histogram', [], [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]],
  ['caesium_db_busy_retries_total', 'counter', []],
  ['caesium_db_writes_total', 'counter', ['category']],
  ['caesium_db_statements_total', 'counter', ['category']],
  ['caesium_event_bus_dropped_total', 'counter', ['event_type']],
  ['caesium_requests_total', 'counter', HTTP],
  ['caesium_request_duration_seconds', 'histogram', HTTP, DEF],
  ['caesium_request_size_bytes', 'histogram', HTTP, SIZE],
  ['caesium_response_size_bytes', 'histogram', HTTP, SIZE],
  ['caesium_auth_requests_total', 'counter', ['outcome', 'role', 'method', 'path']],
  ['caesium_auth_failures_total', 'counter', ['reason']],
  ['caesium_auth_key_age_seconds', 'histogram', [], [3600, 86400, 604800, 2592000, 7776000, 15552000, 31536000]],
  ['caesium_audit_log_entries_total', 'counter', ['action', 'outcome']],
];
const LINEAGE: Row[] = [
  ['caesium_lineage_events_emitted_total', 'counter', ['event_type', 'status']],
  ['caesium_lineage_emit_duration_seconds', 'histogram', ['transport'], [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5]],
];

/** Observes or increments every family once with every label set to "x". */
function touchAll(metrics: ReturnType<typeof createMetrics>, rows: Row[]): void {
  for (const [name, type, labels] of rows) {
    const values = Object.fromEntries(labels.map((l) => [l, 'x']));
    const m = metrics.family(name as FamilyName) as unknown as { inc?: (l: object) => void; observe?: (l: object, v: number) => void };
    if (type === 'histogram') m.observe!(values, 0);
    else m.inc!(values);
  }
}

/** `# TYPE` lines of an exposition, and the `le` values of each histogram. */
function parseExposition(text: string): { types: Map<string, string>; buckets: Map<string, number[]>; labels: Map<string, string[]> } {
  const types = new Map<string, string>();
  const buckets = new Map<string, number[]>();
  const labels = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    const sample = /^(\w+?)(_bucket|_sum|_count)?(?:\{(.*)\})? /.exec(line);
    if (sample === null || line.startsWith('#')) continue;
    const family = types.has(sample[1]!) ? sample[1]! : `${sample[1]}${sample[2] ?? ''}`;
    const pairs = [...(sample[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as const);
    labels.set(
      family,
      pairs.map(([k]) => k).filter((k) => k !== 'le'),
    );
    const le = pairs.find(([k]) => k === 'le')?.[1];
    if (sample[2] === '_bucket' && le !== undefined && le !== '+Inf') buckets.set(family, [...(buckets.get(family) ?? []), Number(le)]);
  }
  return { types, buckets, labels };
}

describe('metric families (docs/decisions.md §5)', () => {
  it('registers every family of the table with its exact type, label names and buckets', async () => {
    const metrics = createMetrics();
    touchAll(metrics, SPEC);
    const { types, buckets, labels } = parseExposition(await metrics.exposition());
    expect([...types.keys()].sort()).toEqual(SPEC.map((r) => r[0]).sort());
    for (const [name, type, labelNames, bucketList] of SPEC) {
      expect(types.get(name), name).toBe(type);
      expect(labels.get(name), name).toEqual(labelNames);
      expect((metrics.registry.getSingleMetric(name) as Metric & { labelNames: string[] }).labelNames, name).toEqual(labelNames);
      if (bucketList !== undefined) expect(buckets.get(name), name).toEqual(bucketList);
    }
  });

  it('exposes every family before anything feeds it, so names are stable', async () => {
    const text = await createMetrics().exposition();
    for (const [name, type] of SPEC) expect(text, name).toContain(`# TYPE ${name} ${type}\n`);
  });

  it('registers the caesium_lineage_* families only once lineage is enabled', async () => {
    const metrics = createMetrics();
    expect(await metrics.exposition()).not.toContain('caesium_lineage_');
    expect(() => metrics.family('caesium_lineage_events_emitted_total')).toThrow(/enableLineageMetrics/);
    enableLineageMetrics(metrics);
    enableLineageMetrics(metrics); // idempotent
    touchAll(metrics, LINEAGE);
    const { types, buckets, labels } = parseExposition(await metrics.exposition());
    for (const [name, type, labelNames, bucketList] of LINEAGE) {
      expect(types.get(name), name).toBe(type);
      expect(labels.get(name), name).toEqual(labelNames);
      expect(buckets.get(name), name).toEqual(bucketList);
    }
    expect(createMetrics({ lineage: true }).registry.getSingleMetric('caesium_lineage_emit_duration_seconds')).toBeDefined();
  });

  it('gives each engine instance its own registry: values never bleed between them, nor into the global one', async () => {
    const { register } = await import('prom-client');
    const one = createMetrics();
    const two = createMetrics();
    one.family('caesium_job_runs_total').inc({ job_id: 'j', status: 'succeeded' });
    one.recordCacheMiss('etl', 'extract');
    expect(await readMetric(one.registry, 'caesium_job_runs_total', { job_id: 'j' })).toBe(1);
    expect(await readMetric(two.registry, 'caesium_job_runs_total', { job_id: 'j' })).toBeUndefined();
    expect(await readMetric(two.registry, 'caesium_task_cache_misses_total')).toBeUndefined();
    expect(register.getSingleMetric('caesium_job_runs_total')).toBeUndefined();
  });

  it('adds the process default collectors only when asked', async () => {
    expect(await createMetrics().exposition()).not.toContain('process_cpu_user_seconds_total');
    const text = await createMetrics({ defaultCollectors: true }).exposition();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('caesium_job_runs_total');
  });
});
