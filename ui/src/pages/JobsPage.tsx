/** Jobs: the last runs of each as a strip, the next cron fire, paused state; search and label filter in the URL. */
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { JobListEntryJson } from '../../../src/api/index.js';
import { api } from '../api.js';
import { Empty, QueryView } from '../lib/states.js';
import { StatusBadge } from '../lib/status.js';
import { formatDuration, Time } from '../lib/time.js';

function matches(job: JobListEntryJson, search: string, label: string): boolean {
  if (search !== '' && !job.alias.toLowerCase().includes(search.toLowerCase())) return false;
  if (label === '') return true;
  const [k = '', v] = label.split('=', 2);
  return Object.entries(job.labels).some(([lk, lv]) => lk === k.trim() && (v === undefined || lv === v.trim()));
}

export default function JobsPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const label = params.get('label') ?? '';
  const jobs = useQuery({ queryKey: ['jobs'], queryFn: api.jobs, refetchInterval: 5000 });
  const set = (name: string, value: string) =>
    setParams(
      (p) => {
        if (value === '') p.delete(name);
        else p.set(name, value);
        return p;
      },
      { replace: true },
    );
  return (
    <section>
      <h1>Jobs</h1>
      <div className="toolbar" role="search">
        <label>
          Search
          <input type="search" value={search} onChange={(e) => set('q', e.target.value)} placeholder="alias" />
        </label>
        <label>
          Label
          <input type="search" value={label} onChange={(e) => set('label', e.target.value)} placeholder="team=data" />
        </label>
      </div>
      <QueryView query={jobs} what="jobs">
        {(all) => {
          const shown = all.filter((j) => matches(j, search, label));
          if (all.length === 0) return <Empty>No jobs yet. Apply a definition: caesium job apply --path examples/</Empty>;
          if (shown.length === 0) return <Empty>No job matches the search.</Empty>;
          return (
            <table>
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Last runs</th>
                  <th scope="col">Latest</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Next fire</th>
                  <th scope="col">Labels</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((job) => (
                  <tr key={job.id}>
                    <td>
                      <Link to={`/jobs/${job.id}`}>{job.alias}</Link>
                      {job.paused && <span className="badge paused">paused</span>}
                    </td>
                    <td>
                      <span
                        className="strip"
                        role="img"
                        aria-label={`last runs of ${job.alias}: ${job.last_runs.map((r) => r.status).join(', ') || 'none'}`}
                      >
                        {job.last_runs.map((r, i) => (
                          <span
                            key={i}
                            className={`cell status-${r.status}`}
                            title={`${r.status}${r.duration === undefined ? '' : `, ${formatDuration(r.duration * 1000)}`}`}
                          />
                        ))}
                      </span>
                    </td>
                    <td>
                      {job.latest_run === undefined ? (
                        <span className="muted">never ran</span>
                      ) : (
                        <Link to={`/jobs/${job.id}/runs/${job.latest_run.id}`}>
                          <StatusBadge status={job.latest_run.status} /> <Time iso={job.latest_run.started_at} />
                        </Link>
                      )}
                    </td>
                    <td>{job.trigger_type}</td>
                    <td>{job.paused ? <span className="muted">paused</span> : <Time iso={job.next_fire_at} />}</td>
                    <td>
                      {Object.entries(job.labels).map(([k, v]) => (
                        <button type="button" key={k} className="chip" onClick={() => set('label', `${k}=${v}`)}>
                          {k}={v}
                        </button>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </QueryView>
    </section>
  );
}
