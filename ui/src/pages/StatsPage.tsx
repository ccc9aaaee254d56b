/** The run statistics of a window (`/v1/stats/summary`) as charts. */
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../api.js';
import { StatsCharts } from '../lib/lazy.js';
import { QueryView } from '../lib/states.js';

const WINDOWS = ['1d', '7d', '30d', '90d'];

export default function StatsPage() {
  const [params, setParams] = useSearchParams();
  const window = params.get('window') ?? '7d';
  const stats = useQuery({ queryKey: ['stats', window], queryFn: () => api.stats(window), refetchInterval: 15000 });
  return (
    <section>
      <h1>Stats</h1>
      <label>
        Window
        <select value={window} onChange={(e) => setParams({ window: e.target.value })}>
          {WINDOWS.map((w) => (
            <option key={w} value={w}>
              last {w}
            </option>
          ))}
        </select>
      </label>
      <QueryView query={stats} what="the stats">
        {(s) => <StatsCharts stats={s} />}
      </QueryView>
    </section>
  );
}
