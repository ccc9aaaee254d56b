/**
 * The `/v1/stats` summary as charts: the totals, runs and success rate per day (uPlot), and the slowest and
 * most failing jobs and steps as bar lists. The default export is meant for `React.lazy`.
 */
import { useCallback, useMemo } from 'react';
import uPlot from 'uplot';
import type { StatsJson } from '../../../../src/api/index.js';
import { duration } from '../gantt/time-format.js';
import { BarList } from './BarList.js';
import { UplotChart } from './UplotChart.js';

export interface StatsChartsProps {
  stats: StatsJson;
}

const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;
/** A UTC day drawn at its noon, so no browser zone moves it to the day before. */
const dayX = (date: string): number => Date.parse(`${date}T12:00:00Z`) / 1000;

function TrendChart({ trend }: { trend: StatsJson['success_rate_trend'] }) {
  const data = useMemo(
    () =>
      [
        trend.map((d) => dayX(d.date)),
        trend.map((d) => d.run_count),
        trend.map((d) => (d.run_count === 0 ? null : d.success_rate * 100)),
      ] as uPlot.AlignedData,
    [trend],
  );
  const options = useCallback((color: (v: string, f: string) => string): Omit<uPlot.Options, 'width' | 'height'> => {
    const fg = color('--fg', '#1b1f24');
    const grid = color('--border', '#d1d9e0');
    const runs = color('--run', '#0969da');
    return {
      series: [
        { label: 'day', value: (_u, v) => (v === null ? '—' : new Date(v * 1000).toISOString().slice(0, 10)) },
        {
          label: 'runs',
          scale: 'runs',
          stroke: runs,
          fill: runs.startsWith('#') && runs.length === 7 ? `${runs}55` : runs,
          paths: uPlot.paths.bars?.({ size: [0.6, 60] }),
          points: { show: false },
        },
        {
          label: 'success rate',
          scale: '%',
          stroke: color('--ok', '#1a7f37'),
          width: 2,
          spanGaps: true,
          value: (_u, v) => (v === null ? '—' : `${v.toFixed(1)}%`),
        },
      ],
      scales: {
        x: { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] },
        runs: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] },
        '%': { range: [0, 100] },
      },
      axes: [
        {
          stroke: fg,
          grid: { stroke: grid },
          splits: (u) => [...(u.data[0] as number[])],
          values: (_u, vals) => vals.map((v) => new Date(v * 1000).toISOString().slice(5, 10)),
        },
        { scale: 'runs', stroke: fg, grid: { stroke: grid }, label: 'runs' },
        { scale: '%', side: 1, stroke: fg, grid: { show: false }, label: 'success %', values: (_u, vals) => vals.map((v) => `${v}%`) },
      ],
    };
  }, []);
  const table = (
    <table>
      <thead>
        <tr>
          <th scope="col">day (UTC)</th>
          <th scope="col">runs</th>
          <th scope="col">success rate</th>
        </tr>
      </thead>
      <tbody>
        {trend.map((d) => (
          <tr key={d.date}>
            <td>{d.date}</td>
            <td>{d.run_count}</td>
            <td>{d.run_count === 0 ? '—' : percent(d.success_rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return <UplotChart label="Runs and success rate per day" options={options} data={data} table={table} />;
}

export default function StatsCharts({ stats }: StatsChartsProps) {
  const { jobs } = stats;
  return (
    <section className="stats-charts" aria-label="Statistics">
      <dl className="stats-totals">
        <div>
          <dt>jobs</dt>
          <dd>{jobs.total}</dd>
        </div>
        <div>
          <dt>runs in the last 24 h</dt>
          <dd>{jobs.recent_runs}</dd>
        </div>
        <div>
          <dt>success rate</dt>
          <dd>{percent(jobs.success_rate)}</dd>
        </div>
        <div>
          <dt>average run</dt>
          <dd>{duration(jobs.avg_duration_seconds * 1000)}</dd>
        </div>
      </dl>
      <TrendChart trend={stats.success_rate_trend} />
      <BarList
        caption="Slowest jobs (average run)"
        color="var(--run, #0969da)"
        empty="No run ended in the window."
        rows={stats.slowest_jobs.map((j) => ({
          key: j.job_id,
          label: j.alias,
          value: j.avg_duration_seconds,
          text: duration(j.avg_duration_seconds * 1000),
        }))}
      />
      <BarList
        caption="Most failing jobs"
        color="var(--fail, #cf222e)"
        empty="No job failed in the window."
        rows={stats.top_failing.map((j) => ({ key: j.job_id, label: j.alias, value: j.failure_count, text: `${j.failure_count} failed` }))}
      />
      <BarList
        caption="Most failing steps"
        color="var(--fail, #cf222e)"
        empty="No step failed in the window."
        rows={stats.top_failing_atoms.map((a) => ({
          key: `${a.job_id}/${a.atom_name}`,
          label: `${a.alias} · ${a.atom_name}`,
          value: a.failure_count,
          text: `${a.failure_count} failed`,
        }))}
      />
    </section>
  );
}
