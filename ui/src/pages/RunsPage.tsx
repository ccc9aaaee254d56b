/** Every job's runs, filtered by status, job, trigger and date, a page at a time (the filters live in the URL). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.js';
import { Empty, QueryView } from '../lib/states.js';
import { StatusBadge } from '../lib/status.js';
import { elapsed, Time } from '../lib/time.js';

const PAGE = 50;
const STATUSES = ['', 'queued', 'running', 'succeeded', 'failed', 'cancelled'];
const TRIGGERS = ['', 'manual', 'cron', 'http', 'backfill'];

/** A `<input type="date">` value as the start of that day in the browser's zone (ISO), or undefined. */
const dayStart = (day: string, plus = 0): string | undefined => {
  if (day === '') return undefined;
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plus);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};

export default function RunsPage() {
  const [params, setParams] = useSearchParams();
  const get = (name: string) => params.get(name) ?? '';
  const page = Math.max(0, Number(get('page') || 0));
  const filter = {
    status: get('status') || undefined,
    job: get('job') || undefined,
    trigger: get('trigger') || undefined,
    since: dayStart(get('from')),
    until: dayStart(get('to'), 1),
  };
  const runs = useQuery({
    queryKey: ['runs', filter, page],
    queryFn: () => api.runs({ ...filter, limit: PAGE, offset: page * PAGE }),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
  const set = (name: string, value: string) =>
    setParams((p) => {
      if (value === '') p.delete(name);
      else p.set(name, value);
      if (name !== 'page') p.delete('page');
      return p;
    });
  return (
    <section>
      <h1>Runs</h1>
      <form className="toolbar" role="search" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={get('status')} onChange={(e) => set('status', e.target.value)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === '' ? 'any' : s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Job
          <input type="search" value={get('job')} onChange={(e) => set('job', e.target.value)} placeholder="alias" />
        </label>
        <label>
          Trigger
          <select value={get('trigger')} onChange={(e) => set('trigger', e.target.value)}>
            {TRIGGERS.map((s) => (
              <option key={s} value={s}>
                {s === '' ? 'any' : s}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={get('from')} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={get('to')} onChange={(e) => set('to', e.target.value)} />
        </label>
      </form>
      <QueryView query={runs} what="runs">
        {({ runs: rows, total }) => {
          if (rows.length === 0) return <Empty>No run matches these filters.</Empty>;
          const last = Math.max(0, Math.ceil(total / PAGE) - 1);
          return (
            <>
              <p className="muted" aria-live="polite">
                {total.toLocaleString()} runs · page {page + 1} of {last + 1}
              </p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Job</th>
                    <th scope="col">Status</th>
                    <th scope="col">Trigger</th>
                    <th scope="col">Started</th>
                    <th scope="col">Duration</th>
                    <th scope="col">Failing steps</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const failing = r.tasks.filter((t) => t.status === 'failed').map((t) => t.name);
                    return (
                      <tr key={r.id}>
                        <td>
                          <Link to={`/jobs/${r.job_id}/runs/${r.id}`}>{r.id.slice(0, 8)}</Link>
                        </td>
                        <td>
                          <Link to={`/jobs/${r.job_id}`}>{r.job_alias}</Link>
                        </td>
                        <td>
                          <StatusBadge status={r.status} />
                        </td>
                        <td>{r.backfill_id !== undefined ? 'backfill' : (r.trigger_type ?? 'manual')}</td>
                        <td>
                          <Time iso={r.started_at} />
                        </td>
                        <td>{elapsed(r.started_at, r.completed_at)}</td>
                        <td>{failing.length === 0 ? '' : failing.join(', ')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <nav className="pager" aria-label="Pages">
                <button type="button" disabled={page === 0} onClick={() => set('page', String(page - 1))}>
                  ← Newer
                </button>
                <button type="button" disabled={page >= last} onClick={() => set('page', String(page + 1))}>
                  Older →
                </button>
              </nav>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
