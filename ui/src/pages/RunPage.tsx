/**
 * One run, live: its DAG coloured by task status and its Gantt timeline follow `GET /v1/events`; the selected
 * task's log streams while it runs; outputs, schema violations, cache hits, callbacks; cancel and retry.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { RunJson, TaskRunJson } from '../../../src/api/index.js';
import { api } from '../api.js';
import { ActionButton } from '../lib/ActionButton.js';
import { DagView, Gantt, LogViewer, preloadDagView } from '../lib/lazy.js';
import { Empty, ErrorState, QueryView } from '../lib/states.js';
import { StatusBadge } from '../lib/status.js';
import { elapsed, Time } from '../lib/time.js';
import { ReproducePanel } from './ReproducePanel.js';
import { useRunEvents } from './useRunEvents.js';

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);
preloadDagView();

export default function RunPage() {
  const { jobId = '', runId = '' } = useParams();
  const run = useQuery({
    queryKey: ['run', jobId, runId],
    queryFn: () => api.run(jobId, runId),
    refetchInterval: (q) => (q.state.data !== undefined && ENDED.has(q.state.data.status) ? false : 3000),
  });
  // The DAG is the job's: asked beside the run, not after it.
  useQuery({ queryKey: ['dag', jobId], queryFn: () => api.dag(jobId) });
  const live = run.data === undefined || !ENDED.has(run.data.status);
  const { events, connected } = useRunEvents(jobId, runId);
  return (
    <QueryView query={run} what="the run">
      {(r) => <RunView run={r} live={live} connected={connected} events={events} />}
    </QueryView>
  );
}

function RunView({
  run,
  live,
  connected,
  events,
}: {
  run: RunJson;
  live: boolean;
  connected: boolean;
  events: ReturnType<typeof useRunEvents>['events'];
}) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const dag = useQuery({ queryKey: ['dag', run.job_id], queryFn: () => api.dag(run.job_id) });
  const statuses = useMemo(() => Object.fromEntries(run.tasks.map((t) => [t.task_id, t.status])), [run.tasks]);
  const selectedId =
    params.get('task') ?? run.tasks.find((t) => t.status === 'running')?.task_id ?? run.tasks.find((t) => t.status === 'failed')?.task_id;
  const selected = run.tasks.find((t) => t.task_id === selectedId);
  const select = (taskId: string) =>
    setParams((p) => {
      p.set('task', taskId);
      return p;
    });
  const [downstream, setDownstream] = useState(true);
  const cancel = useMutation({
    mutationFn: () => api.cancelRun(run.job_id, run.id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['run', run.job_id, run.id] }),
  });
  const retry = useMutation({
    mutationFn: (from: string | undefined) => api.retryRun(run.job_id, run.id, from === undefined ? {} : { from, downstream }),
    // A retry is the run's next attempt (same id); should a server answer another run, follow it there.
    onSuccess: (next) => {
      if (next.id !== run.id) void navigate(`/jobs/${run.job_id}/runs/${next.id}`);
      else client.setQueryData(['run', run.job_id, run.id], next);
      void client.invalidateQueries({ queryKey: ['run', run.job_id, run.id] });
    },
  });
  const callbacks = useMutation({
    mutationFn: () => api.retryCallbacks(run.job_id, run.id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['run', run.job_id, run.id] }),
  });
  const ended = ENDED.has(run.status);
  return (
    <section>
      <nav aria-label="Breadcrumb" className="crumbs">
        <Link to="/runs">Runs</Link> / <Link to={`/jobs/${run.job_id}`}>{run.job_alias}</Link> / {run.id.slice(0, 8)}
      </nav>
      <header className="page-head">
        <h1>
          Run of {run.job_alias} <StatusBadge status={run.status} />
        </h1>
        <div className="actions">
          {!ended && (
            <ActionButton need="runner" jobAlias={run.job_alias} kind="danger" busy={cancel.isPending} onClick={() => cancel.mutate()}>
              Cancel run
            </ActionButton>
          )}
          {run.status === 'failed' && (
            <ActionButton need="runner" jobAlias={run.job_alias} busy={retry.isPending} onClick={() => retry.mutate(undefined)}>
              Retry from failure
            </ActionButton>
          )}
        </div>
      </header>
      {[cancel.error, retry.error, callbacks.error].map((e, i) => (e === null ? null : <ErrorState key={i} error={e} what="the action" />))}
      <dl className="facts">
        <div>
          <dt>Started</dt>
          <dd>
            <Time iso={run.started_at} />
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{elapsed(run.started_at, run.completed_at)}</dd>
        </div>
        <div>
          <dt>Tasks</dt>
          <dd>
            {run.executed_tasks} run, {run.cache_hits} from cache, of {run.total_tasks}
          </dd>
        </div>
        <div>
          <dt>Trigger</dt>
          <dd>{run.backfill_id !== undefined ? 'backfill' : (run.trigger_type ?? 'manual')}</dd>
        </div>
        <div>
          <dt>Live</dt>
          <dd aria-live="polite">{live ? (connected ? 'following events' : 'connecting…') : 'run ended'}</dd>
        </div>
        {Object.keys(run.params).length > 0 && (
          <div>
            <dt>Params</dt>
            <dd>
              {Object.entries(run.params)
                .map(([k, v]) => `${k}=${v}`)
                .join(' ')}
            </dd>
          </div>
        )}
        {run.error !== undefined && (
          <div>
            <dt>Error</dt>
            <dd className="error-text">{run.error}</dd>
          </div>
        )}
      </dl>
      <div className="grid-2">
        <div>
          <h2>DAG</h2>
          <QueryView query={dag} what="the DAG">
            {(d) => (
              <DagView dag={d} statuses={statuses} selected={selectedId} onSelect={select} label={`DAG of this run of ${run.job_alias}`} />
            )}
          </QueryView>
        </div>
        <div>
          <h2>Timeline</h2>
          <Gantt tasks={run.tasks} now={Date.now()} events={events} />
        </div>
      </div>
      <h2>Tasks</h2>
      {run.tasks.length === 0 ? (
        <Empty>No task has been scheduled yet.</Empty>
      ) : (
        <TaskTable
          run={run}
          selectedId={selectedId}
          onSelect={select}
          onRetry={(from) => retry.mutate(from)}
          downstream={downstream}
          setDownstream={setDownstream}
          retryBusy={retry.isPending}
        />
      )}
      {selected !== undefined && <TaskDetail run={run} task={selected} />}
      <h2>Callbacks</h2>
      {(run.callbacks ?? []).length === 0 ? (
        <Empty>No callback ran for this run.</Empty>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Callback</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {(run.callbacks ?? []).map((c) => (
                <tr key={c.id}>
                  <td>
                    <code>{c.callback_id.slice(0, 8)}</code>
                  </td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>
                    <Time iso={c.started_at} />
                  </td>
                  <td>{c.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(run.callbacks ?? []).some((c) => c.status === 'failed') && (
            <ActionButton need="runner" jobAlias={run.job_alias} busy={callbacks.isPending} onClick={() => callbacks.mutate()}>
              Retry failed callbacks
            </ActionButton>
          )}
        </>
      )}
    </section>
  );
}

function TaskTable({
  run,
  selectedId,
  onSelect,
  onRetry,
  downstream,
  setDownstream,
  retryBusy,
}: {
  run: RunJson;
  selectedId: string | undefined;
  onSelect: (taskId: string) => void;
  onRetry: (from: string) => void;
  downstream: boolean;
  setDownstream: (v: boolean) => void;
  retryBusy: boolean;
}) {
  const ended = ENDED.has(run.status);
  return (
    <>
      {ended && (
        <label className="inline">
          <input type="checkbox" checked={downstream} onChange={(e) => setDownstream(e.target.checked)} /> Retrying a step also reruns its
          downstream steps
        </label>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Status</th>
            <th scope="col">Attempt</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Exit</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {run.tasks.map((t) => (
            <tr key={t.task_run_id} aria-selected={t.task_id === selectedId} className={t.task_id === selectedId ? 'selected' : undefined}>
              <td>
                <button type="button" className="link" onClick={() => onSelect(t.task_id)} aria-label={`Show step ${t.name}`}>
                  {t.name}
                </button>
                {t.cache_hit && <span className="badge">cache hit</span>}
                {(t.schema_violations ?? []).length > 0 && <span className="badge status-failed">schema</span>}
              </td>
              <td>
                <StatusBadge status={t.status} />
              </td>
              <td>
                {t.attempt}/{t.max_attempts}
              </td>
              <td>
                <Time iso={t.started_at} />
              </td>
              <td>{t.started_at === undefined ? '—' : elapsed(t.started_at, t.completed_at)}</td>
              <td>{t.exit_code ?? ''}</td>
              <td>
                {ended && (
                  <ActionButton need="runner" jobAlias={run.job_alias} busy={retryBusy} onClick={() => onRetry(t.name)}>
                    Retry from {t.name}
                  </ActionButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function TaskDetail({ run, task }: { run: RunJson; task: TaskRunJson }) {
  return (
    <section className="task-detail" aria-label={`Step ${task.name}`}>
      <h2>
        Step {task.name} <StatusBadge status={task.status} />
      </h2>
      {task.error !== undefined && <p className="error-text">{task.error}</p>}
      {task.started_at !== undefined && !task.cache_hit && (
        <ReproducePanel jobId={run.job_id} jobAlias={run.job_alias} runId={run.id} task={task.name} />
      )}
      {task.output !== undefined && Object.keys(task.output).length > 0 && (
        <>
          <h3>Outputs</h3>
          <table>
            <tbody>
              {Object.entries(task.output).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>
                    <code>{v}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {(task.schema_violations ?? []).length > 0 && (
        <>
          <h3>Schema violations</h3>
          <ul>
            {(task.schema_violations ?? []).map((v, i) => (
              <li key={i}>
                <code>{v.key === '' ? '(root)' : v.key}</code>: {v.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {(task.branch_selections ?? []).length > 0 && <p>Branch chose: {(task.branch_selections ?? []).join(', ')}</p>}
      <h3>Log</h3>
      <LogViewer
        key={task.task_id}
        jobId={run.job_id}
        runId={run.id}
        taskId={task.task_id}
        taskName={task.name}
        attempt={task.attempt}
        live={task.status === 'running' || task.status === 'pending'}
      />
    </section>
  );
}
