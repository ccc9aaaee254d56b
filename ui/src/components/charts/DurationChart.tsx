/**
 * How long a job's runs took over its history (uPlot): succeeded runs as a line, failed and cancelled ones as
 * their own marked series, times in the browser's zone. The default export is meant for `React.lazy`.
 */
import { useCallback, useMemo } from 'react';
import type uPlot from 'uplot';
import type { RunJson } from '../../../../src/api/index.js';
import { duration, localTime, utcTime } from '../gantt/time-format.js';
import { durationSeries, runDurations } from './run-durations.js';
import { UplotChart } from './UplotChart.js';

export interface DurationChartProps {
  runs: readonly RunJson[];
  height?: number;
}

/** The table under the chart shows the newest runs only. */
const TABLE_ROWS = 50;

const secondsValue = (_u: uPlot, v: number | null): string => (v === null ? '—' : duration(v * 1000));

export default function DurationChart({ runs, height }: DurationChartProps) {
  const points = useMemo(() => runDurations(runs), [runs]);
  const data = useMemo(() => durationSeries(points) as uPlot.AlignedData, [points]);
  const options = useCallback((color: (v: string, f: string) => string): Omit<uPlot.Options, 'width' | 'height'> => {
    const fg = color('--fg', '#1b1f24');
    const grid = color('--border', '#d1d9e0');
    const marked = (label: string, stroke: string, size: number): uPlot.Series => ({
      label,
      stroke,
      fill: stroke,
      paths: () => null,
      points: { show: true, size, stroke, fill: stroke },
      value: secondsValue,
    });
    return {
      series: [
        { label: 'started', value: (_u, v) => (v === null ? '—' : localTime(v * 1000)) },
        {
          label: 'succeeded',
          stroke: color('--ok', '#1a7f37'),
          width: 2,
          spanGaps: true,
          points: { show: true, size: 5 },
          value: secondsValue,
        },
        marked('failed', color('--fail', '#cf222e'), 9),
        marked('cancelled', color('--skip', '#6e7781'), 7),
      ],
      axes: [
        { stroke: fg, grid: { stroke: grid } },
        { stroke: fg, grid: { stroke: grid }, size: 70, values: (_u, vals) => vals.map((v) => duration(v * 1000)) },
      ],
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
    };
  }, []);
  if (points.length === 0) return <p className="chart-empty">No run of this job has ended yet.</p>;
  const newest = points.slice(-TABLE_ROWS).reverse();
  const table = (
    <table>
      <caption className="chart-note">
        {points.length > TABLE_ROWS ? `The newest ${TABLE_ROWS} of ${points.length} runs` : `${points.length} runs`}
      </caption>
      <thead>
        <tr>
          <th scope="col">started</th>
          <th scope="col">duration</th>
          <th scope="col">status</th>
        </tr>
      </thead>
      <tbody>
        {newest.map((p) => (
          <tr key={p.runId}>
            <td title={`UTC ${utcTime(p.start)}`}>{localTime(p.start)}</td>
            <td>{duration(p.seconds * 1000)}</td>
            <td>{p.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return <UplotChart label="Run durations" options={options} data={data} table={table} {...(height === undefined ? {} : { height })} />;
}
