/**
 * One Prometheus registry per engine instance (never prom-client's global
 * default registry, so two engines in one process, or two tests, never share
 * a count), with every family of docs/decisions.md §5 registered up front so
 * the exposition's names are stable before anything feeds them.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import { CAESIUM_FAMILIES, LINEAGE_FAMILIES, type MetricFamily } from './families.js';

type Family = (typeof CAESIUM_FAMILIES)[number] | (typeof LINEAGE_FAMILIES)[number];
/** The name of a caesium metric family. */
export type FamilyName = Family['name'];
type FamilyNamed<N extends FamilyName> = Extract<Family, { name: N }>;
type LabelsOf<F> = F extends { labelNames: readonly (infer L)[] } ? (L extends string ? L : never) : never;
/** The prom-client metric of a family, typed with its label names. */
export type MetricOf<N extends FamilyName> = FamilyNamed<N>['kind'] extends 'counter'
  ? Counter<LabelsOf<FamilyNamed<N>>>
  : FamilyNamed<N>['kind'] extends 'gauge'
    ? Gauge<LabelsOf<FamilyNamed<N>>>
    : Histogram<LabelsOf<FamilyNamed<N>>>;

/** The metrics of one engine instance. */
export interface CaesiumMetrics {
  readonly registry: Registry;
  /** A registered family; a `caesium_lineage_*` family throws until `enableLineageMetrics` ran. */
  family<N extends FamilyName>(name: N): MetricOf<N>;
  /** Counts a cache miss (`caesium_task_cache_misses_total`); pass it as `EngineDeps.onCacheMiss`. Safe to pass unbound. */
  readonly recordCacheMiss: (jobAlias: string, taskName: string) => void;
  /**
   * Counts a value-verified short-circuit (`caesium_task_cache_short_circuits_total`);
   * pass it as `EngineDeps.onCacheShortCircuit`. Safe to pass unbound.
   */
  readonly recordCacheShortCircuit: (jobAlias: string, taskName: string) => void;
  /** The text exposition (`GET /metrics`). */
  exposition(): Promise<string>;
}

export interface CreateMetricsOptions {
  /** Also register the process and Node.js default collectors (the server turns this on). */
  defaultCollectors?: boolean;
  /** Register the `caesium_lineage_*` families now (same as calling `enableLineageMetrics`). */
  lineage?: boolean;
}

/** Default gauges whose names end in `_total`, which only counters may. */
const NON_COUNTER_TOTALS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'] as const;

/** Where `createMetrics` keeps its families, for `enableLineageMetrics`. */
const FAMILIES = Symbol('families');
const LINEAGE_NAMES: ReadonlySet<string> = new Set(LINEAGE_FAMILIES.map((f) => f.name));

/** Creates a fresh registry with every caesium family registered. */
export function createMetrics(options: CreateMetricsOptions = {}): CaesiumMetrics {
  const registry = new Registry();
  const families = new Map<string, Metric<string>>();
  for (const f of CAESIUM_FAMILIES) families.set(f.name, build(f, registry));
  const metrics: CaesiumMetrics & { [FAMILIES]: Map<string, Metric<string>> } = {
    registry,
    [FAMILIES]: families,
    family<N extends FamilyName>(name: N): MetricOf<N> {
      const metric = families.get(name);
      if (metric === undefined) {
        throw new Error(
          LINEAGE_NAMES.has(name)
            ? `${name} is registered only when lineage is enabled: call enableLineageMetrics() first`
            : `unknown metric ${name}`,
        );
      }
      return metric as MetricOf<N>;
    },
    recordCacheMiss: (jobAlias, taskName) => {
      (families.get('caesium_task_cache_misses_total') as Counter<string>).inc({ job_alias: jobAlias, task_name: taskName });
    },
    recordCacheShortCircuit: (jobAlias, taskName) => {
      (families.get('caesium_task_cache_short_circuits_total') as Counter<string>).inc({ job_alias: jobAlias, task_name: taskName });
    },
    exposition: () => registry.metrics(),
  };
  if (options.defaultCollectors === true) {
    collectDefaultMetrics({ register: registry });
    // prom-client's three gauges named *_total break Prometheus' naming rule (promtool check metrics exits 3);
    // the per-type gauges nodejs_active_handles{type}, nodejs_active_requests{type} and nodejs_active_resources{type} keep their information.
    for (const name of NON_COUNTER_TOTALS) registry.removeSingleMetric(name);
  }
  if (options.lineage === true) enableLineageMetrics(metrics);
  return metrics;
}

/** Registers the `caesium_lineage_*` families on `metrics` (only when lineage is enabled). Idempotent. */
export function enableLineageMetrics(metrics: CaesiumMetrics): void {
  const families = (metrics as Partial<Record<typeof FAMILIES, Map<string, Metric<string>>>>)[FAMILIES];
  if (families === undefined) throw new Error('enableLineageMetrics needs metrics made by createMetrics()');
  for (const f of LINEAGE_FAMILIES) {
    if (!families.has(f.name)) families.set(f.name, build(f, metrics.registry));
  }
}

function build(f: MetricFamily, registry: Registry): Metric<string> {
  const base = { name: f.name, help: f.help, labelNames: [...f.labelNames], registers: [registry] };
  switch (f.kind) {
    case 'counter':
      return new Counter(base);
    case 'gauge':
      return new Gauge(base);
    case 'histogram':
      return new Histogram({ ...base, buckets: [...(f.buckets ?? [])] });
  }
}
