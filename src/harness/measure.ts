/**
 * Metric readings of a scenario: baselines just before the last run (a
 * baseline whose labels cannot be resolved yet is 0) and the observations
 * after it, with placeholders resolved.
 */
import { formatLabels } from './metric-catalog.js';
import { resolveLabels, type PlaceholderState } from './placeholders.js';
import type { MetricObservation } from './result.js';
import type { MetricExpectation } from './scenario.js';
import { ScenarioExecutionError } from './resolve-job.js';
import { errorText } from '../errors.js';

/** Reads one series; 0 when it has no value. */
export interface MetricReader {
  read(name: string, labels: Readonly<Record<string, string>>): Promise<number>;
}

/** The baseline of each expectation (0 for value-only ones and for labels not resolvable yet). */
export async function readBaselines(
  expectations: readonly MetricExpectation[],
  state: PlaceholderState,
  reader: MetricReader,
): Promise<number[]> {
  const out: number[] = [];
  for (const e of expectations) {
    const labels = e.delta === undefined ? undefined : resolve(e, state, true, 'baseline');
    out.push(labels === undefined ? 0 : await reader.read(e.name, labels));
  }
  return out;
}

/** The reading of each expectation after the last run; unresolvable labels are an execution error. */
export async function readObservations(
  expectations: readonly MetricExpectation[],
  state: PlaceholderState,
  reader: MetricReader,
  baselines: readonly number[],
): Promise<MetricObservation[]> {
  const out: MetricObservation[] = [];
  for (const [i, e] of expectations.entries()) {
    const labels = resolve(e, state, false, 'labels') ?? {};
    const value = await reader.read(e.name, labels);
    out.push({ name: e.name, labels, value, delta: value - (baselines[i] ?? 0) });
  }
  return out;
}

function resolve(e: MetricExpectation, state: PlaceholderState, allowPending: boolean, stage: string): Record<string, string> | undefined {
  try {
    return resolveLabels(e.labels, state, allowPending);
  } catch (error) {
    throw new ScenarioExecutionError(`metric ${e.name} ${stage}: ${errorText(error)}`, { cause: error });
  }
}

/** `metric M {k=v} value: expected 1.000000, got 0.000000` when the reading is off by more than 1e-9. */
export function metricFailures(e: MetricExpectation, o: MetricObservation): string[] {
  const out: string[] = [];
  const check = (kind: 'value' | 'delta', want: number | undefined, got: number): void => {
    if (want === undefined || Math.abs(got - want) <= 1e-9) return;
    out.push(`metric ${e.name} ${formatLabels(o.labels)} ${kind}: expected ${want.toFixed(6)}, got ${got.toFixed(6)}`);
  };
  check('value', e.value, o.value);
  check('delta', e.delta, o.delta);
  return out;
}
