/** One job: its DAG, run form, pause/unpause, duration chart, definition as YAML, versions, trigger and cache. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../api.js';
import { ActionButton } from '../lib/ActionButton.js';
import { DagView, DurationChart, preloadDagView } from '../lib/lazy.js';
import { Empty, ErrorState, QueryView } from '../lib/states.js';
import { StatusBadge } from '../lib/status.js';
import { elapsed, Time } from '../lib/time.js';
import { RunForm } from './RunForm.js';

preloadDagView();

export default function JobPage() {
  const { jobId = '' } = useParams();
  const client = useQueryClient();
  const job = useQuery({ queryKey: ['job', jobId], queryFn: () => api.job(jobId), refetchInterval: 5000 });
  const dag = useQuery({ queryKey: ['dag', jobId], queryFn: () => api.dag(jobId) });
  const runs = useQuery({ queryKey: ['job-runs', jobId], queryFn: () => api.jobRuns(jobId, 200), refetchInterval: 5000 });
  const definition = useQuery({ queryKey: ['definition', jobId], queryFn: () => api.definition(jobId) });
  const versions = useQuery({ queryKey: ['versions', jobId], queryFn: () => api.versions(jobId) });
  const cache = useQuery({ queryKey: ['cache', jobId], queryFn: () => api.cache(jobId) });
  const toggle = useMutation({
    mutationFn: (pause: boolean) => (pause ? api.pause(jobId) : api.unpause(jobId)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['job', jobId] }),
  });
  return (
    <QueryView query={job} what="the job">
      {(j) => {
        const defaults = parseDefaults(j.trigger?.configuration);
        return (
          <section>
            <nav aria-label="Breadcrumb" className="crumbs">
              <Link to="/jobs">Jobs</Link> / {j.alias}
            </nav>
            <header className="page-head">
              <h1>
                {j.alias} {j.paused && <span className="badge paused">paused</span>}
              </h1>
              <div className="actions">
                <ActionButton need="operator" jobAlias={j.alias} busy={toggle.isPending} onClick={() => toggle.mutate(!j.paused)}>
                  {j.paused ? 'Unpause' : 'Pause'}
                </ActionButton>
                <Link to={`/backfills?job=${j.id}`}>Backfills</Link>
              </div>
            </header>
            {toggle.error !== null && <ErrorState error={toggle.error} what="the change" />}
            <p className="muted">
              version {j.version} · trigger {j.trigger_type} ·{' '}
              {Object.entries(j.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(' ')}
            </p>
            <div className="grid-2">
              <div>
                <h2>DAG</h2>
                <QueryView query={dag} what="the DAG">
                  {(d) => <DagView dag={d} label={`DAG of ${j.alias}`} />}
                </QueryView>
              </div>
              <div>
                <h2>Run</h2>
                <RunForm jobId={j.id} alias={j.alias} paused={j.paused} defaults={defaults} recent={runs.data ?? []} />
              </div>
            </div>
            <h2>Recent runs</h2>
            <QueryView query={runs} what="the runs">
              {(rs) =>
                rs.length === 0 ? (
                  <Empty>This job has not run yet.</Empty>
                ) : (
                  <>
                    <DurationChart runs={rs} />
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">Run</th>
                          <th scope="col">Status</th>
                          <th scope="col">Started</th>
                          <th scope="col">Duration</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rs.slice(0, 10).map((r) => (
                          <tr key={r.id}>
                            <td>
                              <Link to={`/jobs/${j.id}/runs/${r.id}`}>{r.id.slice(0, 8)}</Link>
                            </td>
                            <td>
                              <StatusBadge status={r.status} />
                            </td>
                            <td>
                              <Time iso={r.started_at} />
                            </td>
                            <td>{elapsed(r.started_at, r.completed_at)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <Link to={`/runs?job=${encodeURIComponent(j.alias)}`}>All runs of {j.alias}</Link>
                  </>
                )
              }
            </QueryView>
            <h2>Trigger</h2>
            {j.trigger === undefined ? (
              <Empty>No trigger.</Empty>
            ) : (
              <pre className="code" aria-label="Trigger configuration">
                {j.trigger.type}: {j.trigger.configuration}
              </pre>
            )}
            <h2>Definition</h2>
            <QueryView query={definition} what="the definition">
              {(d) => (
                <pre className="code" aria-label={`Definition of ${j.alias}, version ${d.version}`} tabIndex={0}>
                  {d.yaml}
                </pre>
              )}
            </QueryView>
            <h2>Versions</h2>
            <QueryView query={versions} what="the versions">
              {(vs) => (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Version</th>
                      <th scope="col">Applied</th>
                      <th scope="col">Content hash</th>
                      <th scope="col">Source</th>
                    </tr>
                  </thead>
                  <tbody>
                    {vs.map((v) => (
                      <tr key={v.job_version_id}>
                        <td>
                          {v.version} {v.current && <span className="badge">current</span>}
                        </td>
                        <td>
                          <Time iso={v.created_at} />
                        </td>
                        <td>
                          <code>{v.content_hash.slice(0, 12)}</code>
                        </td>
                        <td>{v.provenance?.path ?? v.provenance?.source_id ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </QueryView>
            <h2>Cache entries</h2>
            <QueryView query={cache} what="the cache entries">
              {(c) =>
                c.entries.length === 0 ? (
                  <Empty>No cache entries.</Empty>
                ) : (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Step</th>
                        <th scope="col">Hash</th>
                        <th scope="col">Stored</th>
                        <th scope="col">Expires</th>
                        <th scope="col">From run</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.entries.map((e) => (
                        <tr key={e.hash}>
                          <td>{e.task_name}</td>
                          <td>
                            <code>{e.hash.slice(0, 12)}</code>
                          </td>
                          <td>
                            <Time iso={e.created_at} />
                          </td>
                          <td>
                            <Time iso={e.expires_at} />
                          </td>
                          <td>
                            <Link to={`/jobs/${j.id}/runs/${e.run_id}`}>{e.run_id.slice(0, 8)}</Link>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )
              }
            </QueryView>
          </section>
        );
      }}
    </QueryView>
  );
}

/** The trigger's `defaultParams` from its configuration JSON text. */
function parseDefaults(configuration: string | undefined): Record<string, string> {
  if (configuration === undefined) return {};
  try {
    const parsed = JSON.parse(configuration) as { defaultParams?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(parsed.defaultParams ?? {}).map(([k, v]) => [k, String(v)]));
  } catch {
    return {};
  }
}
