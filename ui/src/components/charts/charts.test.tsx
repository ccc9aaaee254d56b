// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { RunJson, StatsJson } from '../../../../src/api/index.js';
import { render } from '../dag/test-render.js';
import DurationChart from './DurationChart.js';
import { durationSeries, runDurations } from './run-durations.js';
import StatsCharts from './StatsCharts.js';

const T0 = Date.parse('2026-12-01T08:00:00Z');
function run(i: number, seconds: number | undefined, status: RunJson['status']): RunJson {
  const start = T0 + i * 3_600_000;
  return {
    id: `r${i}`,
    job_id: 'j',
    job_version_id: 'v',
    job_alias: 'etl',
    job_labels: {},
    status,
    priority: 2,
    attempt: 1,
    params: {},
    started_at: new Date(start).toISOString(),
    ...(seconds === undefined ? {} : { completed_at: new Date(start + seconds * 1000).toISOString() }),
    created_at: new Date(start).toISOString(),
    updated_at: new Date(start).toISOString(),
    tasks: [],
    cache_hits: 0,
    executed_tasks: 0,
    total_tasks: 0,
  };
}

describe('the run-duration chart', () => {
  const runs = [run(2, 30, 'failed'), run(0, 12, 'succeeded'), run(1, 20, 'succeeded'), run(3, undefined, 'running')];

  it('plots ended runs oldest first, failed runs in their own series', () => {
    const points = runDurations(runs);
    expect(points.map((p) => [p.runId, p.seconds])).toEqual([
      ['r0', 12],
      ['r1', 20],
      ['r2', 30],
    ]);
    const [xs, ok, failed, cancelled] = durationSeries(points);
    expect(xs).toEqual([T0 / 1000, T0 / 1000 + 3600, T0 / 1000 + 7200]);
    expect(ok).toEqual([12, 20, null]);
    expect(failed).toEqual([null, null, 30]);
    expect(cancelled).toEqual([null, null, null]);
  });

  it('carries its data as a table, newest first, with UTC on hover', () => {
    const { host } = render(<DurationChart runs={runs} />);
    expect(host.querySelector('figcaption')?.textContent).toBe('Run durations');
    const rows = [...host.querySelectorAll('.chart-data tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(rows.map((r) => r.slice(1))).toEqual([
      ['30.0 s', 'failed'],
      ['20.0 s', 'succeeded'],
      ['12.0 s', 'succeeded'],
    ]);
    expect(host.querySelector('.chart-data tbody td')?.getAttribute('title')).toBe('UTC 2026-12-01T10:00:00.000Z');
  });

  it('says so when no run has ended, and notes when the table shows only the newest runs', () => {
    expect(render(<DurationChart runs={[run(0, undefined, 'running')]} />).host.textContent).toBe('No run of this job has ended yet.');
    const many = Array.from({ length: 120 }, (_, i) => run(i, 5, 'succeeded'));
    expect(render(<DurationChart runs={many} />).host.querySelector('.chart-data caption')?.textContent).toBe('The newest 50 of 120 runs');
  });
});

describe('the stats charts', () => {
  const stats: StatsJson = {
    jobs: { total: 4, recent_runs: 17, success_rate: 0.8235, avg_duration_seconds: 95 },
    top_failing: [
      { job_id: 'a', alias: 'nightly', failure_count: 3, last_failure: '2026-12-01T00:00:00Z' },
      { job_id: 'b', alias: 'hourly', failure_count: 1, last_failure: '2026-12-01T00:00:00Z' },
    ],
    top_failing_atoms: [{ job_id: 'a', alias: 'nightly', atom_name: 'load', failure_count: 3 }],
    slowest_jobs: [{ job_id: 'a', alias: 'nightly', avg_duration_seconds: 300 }],
    success_rate_trend: [
      { date: '2026-11-30', run_count: 0, success_rate: 0 },
      { date: '2026-12-01', run_count: 17, success_rate: 0.8235 },
    ],
  };

  it('shows the totals, the daily trend as a table, and the ranked lists as text', () => {
    const { host } = render(<StatsCharts stats={stats} />);
    const totals = [...host.querySelectorAll('.stats-totals div')].map(
      (d) => `${d.querySelector('dt')?.textContent}=${d.querySelector('dd')?.textContent}`,
    );
    expect(totals).toEqual(['jobs=4', 'runs in the last 24 h=17', 'success rate=82.4%', 'average run=1 m 35 s']);
    const trend = [...host.querySelectorAll('.chart-data tbody tr')].map((r) => r.textContent);
    expect(trend).toEqual(['2026-11-300—', '2026-12-011782.4%']);
    const lists = [...host.querySelectorAll('.bar-list')].map((t) => [
      t.querySelector('caption')?.textContent,
      [...t.querySelectorAll('tbody tr')].map((r) => r.textContent),
    ]);
    expect(lists).toEqual([
      ['Slowest jobs (average run)', ['nightly5 m 00 s']],
      ['Most failing jobs', ['nightly3 failed', 'hourly1 failed']],
      ['Most failing steps', ['nightly · load3 failed']],
    ]);
  });
});
