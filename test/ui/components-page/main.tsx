// The page of test/ui/components-browser.test.ts: every component of ui/src/components with fixed data, in the
// theme the URL's hash names (#dark), lazily loaded as the app's pages load them.
import { lazy, Suspense, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { DagJson, RunJson, StatsJson, TaskRunJson } from '../../../src/api/index.js';
import type { LogSource } from '../../../ui/src/components/logs/log-source.js';
import '../../../ui/src/styles.css';

const DagView = lazy(() => import('../../../ui/src/components/dag/DagView.js'));
const Gantt = lazy(() => import('../../../ui/src/components/gantt/Gantt.js'));
const DurationChart = lazy(() => import('../../../ui/src/components/charts/DurationChart.js'));
const StatsCharts = lazy(() => import('../../../ui/src/components/charts/StatsCharts.js'));
const LogViewer = lazy(() => import('../../../ui/src/components/logs/LogViewer.js'));

const T0 = Date.parse('2026-12-02T10:00:00Z');
const iso = (s: number): string => new Date(T0 + s * 1000).toISOString();
const node = (id: string, name: string, successors: string[]) => ({
  id,
  atom_id: id,
  name,
  engine: 'docker' as const,
  image: 'alpine',
  successors,
});
const dag: DagJson = {
  job_id: 'j',
  nodes: [node('a', 'extract', ['b', 'c']), node('b', 'transform', ['d']), node('c', 'audit', ['d']), node('d', 'load', [])],
  edges: [
    { from: 'a', to: 'b' },
    { from: 'a', to: 'c' },
    { from: 'b', to: 'd' },
    { from: 'c', to: 'd' },
  ],
};
const task = (id: string, name: string, over: Partial<TaskRunJson>): TaskRunJson => ({
  id,
  task_run_id: id,
  job_run_id: 'r',
  task_id: id,
  atom_id: id,
  name,
  job_alias: 'etl',
  engine: 'docker',
  image: 'alpine',
  command: [],
  status: 'pending',
  attempt: 1,
  max_attempts: 2,
  outstanding_predecessors: 0,
  cache_hit: false,
  ...over,
});
const tasks = [
  task('a', 'extract', { status: 'succeeded', started_at: iso(0), completed_at: iso(10) }),
  task('b', 'transform', { status: 'running', attempt: 2, started_at: iso(20) }),
  task('c', 'audit', { status: 'failed', started_at: iso(11), completed_at: iso(30) }),
  task('d', 'load', {}),
];
const runs = Array.from({ length: 40 }, (_, i) => ({
  id: `r${i}`,
  status: i % 7 === 3 ? 'failed' : 'succeeded',
  started_at: new Date(T0 + i * 3_600_000).toISOString(),
  completed_at: new Date(T0 + i * 3_600_000 + (20 + (i % 5) * 7) * 1000).toISOString(),
})) as unknown as RunJson[];
const stats: StatsJson = {
  jobs: { total: 4, recent_runs: 17, success_rate: 0.82, avg_duration_seconds: 95 },
  top_failing: [{ job_id: 'a', alias: 'nightly', failure_count: 3, last_failure: iso(0) }],
  top_failing_atoms: [{ job_id: 'a', alias: 'nightly', atom_name: 'load', failure_count: 3 }],
  slowest_jobs: [{ job_id: 'a', alias: 'nightly', avg_duration_seconds: 300 }],
  success_rate_trend: Array.from({ length: 7 }, (_, i) => ({
    date: `2026-11-2${i}`,
    run_count: i * 3,
    success_rate: i === 0 ? 0 : 0.5 + i / 20,
  })),
};
const source: LogSource = {
  plain: () => Promise.resolve({ text: '── attempt 1 ──\nhello\nerror: boom\n── attempt 2 ──\nhello again\nok\n', truncated: false }),
  follow: () => Promise.resolve(),
};

function Page() {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <h1>Components</h1>
      <h2>DAG</h2>
      <DagView dag={dag} statuses={{ a: 'succeeded', b: 'running', c: 'failed' }} selected={selected} onSelect={setSelected} />
      <p id="selected">selected: {selected ?? 'none'}</p>
      <h2>Timeline</h2>
      <Gantt tasks={tasks} now={T0 + 40_000} />
      <h2>Durations</h2>
      <DurationChart runs={runs} />
      <h2>Stats</h2>
      <StatsCharts stats={stats} />
      <h2>Log</h2>
      <LogViewer jobId="j" runId="r" taskId="t" taskName="audit" live={false} source={source} />
    </Suspense>
  );
}

if (location.hash === '#dark') document.documentElement.dataset.theme = 'dark';
createRoot(document.getElementById('root')!).render(<Page />);
