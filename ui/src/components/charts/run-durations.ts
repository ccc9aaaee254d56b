/** A job's run history as chart data: one point per ended run, by start time, split by how the run ended. */
import type { RunJson } from '../../../../src/api/index.js';

export interface RunPoint {
  runId: string;
  /** Epoch milliseconds. */
  start: number;
  seconds: number;
  status: string;
}

/** The ended runs (a running or queued one has no duration yet), oldest first. */
export function runDurations(runs: readonly RunJson[]): RunPoint[] {
  const points: RunPoint[] = [];
  for (const r of runs) {
    if (r.completed_at === undefined) continue;
    const start = Date.parse(r.started_at);
    const end = Date.parse(r.completed_at);
    if (Number.isNaN(start) || Number.isNaN(end)) continue;
    points.push({ runId: r.id, start, seconds: Math.max(0, (end - start) / 1000), status: r.status });
  }
  return points.sort((a, b) => a.start - b.start);
}

const OUTCOMES = ['succeeded', 'failed', 'cancelled'] as const;

/** uPlot's aligned data: x in epoch seconds, then one y series per outcome (null where a run ended otherwise). */
export function durationSeries(points: readonly RunPoint[]): [number[], ...(number | null)[][]] {
  const xs = points.map((p) => p.start / 1000);
  const ys = OUTCOMES.map((o) => points.map((p) => (p.status === o ? p.seconds : null)));
  return [xs, ...ys];
}
