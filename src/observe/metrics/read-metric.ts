/**
 * Reading one value back out of a registry, for harness assertions and
 * tests (`caesium_task_runs_total{status="succeeded"} == 3`).
 */
import { Histogram, type Registry } from 'prom-client';

/** Label values to match; numbers match their decimal text. */
export type LabelMatch = Readonly<Record<string, string | number>>;

const HISTOGRAM_SERIES = ['_bucket', '_sum', '_count'] as const;

/**
 * The value of `name` summed over every series whose labels include `labels`
 * (labels not given match anything), or undefined when the family is not
 * registered or no series matches. For a histogram `h`, `h_count`, `h_sum`
 * and `h_bucket` (with an `le` label, e.g. `{le: '+Inf'}`) are readable, and
 * `h` alone reads `h_count`.
 */
export async function readMetric(registry: Registry, name: string, labels: LabelMatch = {}): Promise<number | undefined> {
  let family = registry.getSingleMetric(name);
  let series = name;
  // A family is found by its own name or, for histograms, by a series name.
  if (family === undefined) {
    const suffix = HISTOGRAM_SERIES.find((s) => name.endsWith(s));
    if (suffix === undefined) return undefined;
    family = registry.getSingleMetric(name.slice(0, -suffix.length));
    if (family === undefined) return undefined;
  }
  const data = await family.get();
  if (family instanceof Histogram && series === data.name) series = `${name}_count`;
  let total: number | undefined;
  for (const value of data.values) {
    const valueName = (value as { metricName?: string }).metricName ?? data.name;
    if (valueName !== series) continue;
    if (!matches(value.labels, labels)) continue;
    total = (total ?? 0) + value.value;
  }
  return total;
}

function matches(actual: Partial<Record<string, string | number>>, wanted: LabelMatch): boolean {
  for (const [key, value] of Object.entries(wanted)) {
    const have = actual[key];
    if (have === undefined || String(have) !== String(value)) return false;
  }
  return true;
}
