/** Backfills of a job: create one over a date range (reprocess, max concurrency), follow its progress, cancel it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { BackfillJson } from '../../../src/api/index.js';
import { api } from '../api.js';
import { ActionButton } from '../lib/ActionButton.js';
import { Empty, ErrorState, QueryView } from '../lib/states.js';
import { StatusBadge } from '../lib/status.js';
import { Time } from '../lib/time.js';

export default function BackfillsPage() {
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job') ?? '';
  const jobs = useQuery({ queryKey: ['jobs'], queryFn: api.jobs });
  const chosen = jobs.data?.find((j) => j.id === jobId);
  return (
    <section>
      <h1>Backfills</h1>
      <QueryView query={jobs} what="jobs">
        {(all) =>
          all.length === 0 ? (
            <Empty>No jobs yet.</Empty>
          ) : (
            <label>
              Job
              <select value={jobId} onChange={(e) => setParams({ job: e.target.value })}>
                <option value="">choose a job…</option>
                {all.map((j) => (
                  <option key={j.id} value={j.id}>
                    {j.alias}
                  </option>
                ))}
              </select>
            </label>
          )
        }
      </QueryView>
      {chosen !== undefined && <JobBackfills jobId={chosen.id} alias={chosen.alias} />}
    </section>
  );
}

const toIso = (local: string): string => new Date(local).toISOString();

function JobBackfills({ jobId, alias }: { jobId: string; alias: string }) {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['backfills', jobId],
    queryFn: () => api.backfills(jobId),
    refetchInterval: (q) => (q.state.data?.some((b) => b.status === 'running') === true ? 1000 : 5000),
  });
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [reprocess, setReprocess] = useState<'none' | 'failed' | 'all'>('none');
  const [concurrency, setConcurrency] = useState(1);
  const create = useMutation({
    mutationFn: () => api.createBackfill(jobId, { start: toIso(start), end: toIso(end), reprocess, max_concurrent: concurrency }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['backfills', jobId] }),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => api.cancelBackfill(jobId, id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['backfills', jobId] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <>
      <h2>New backfill of {alias}</h2>
      <form className="toolbar" onSubmit={submit} aria-label={`New backfill of ${alias}`}>
        <label>
          From
          <input type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label>
          To
          <input type="datetime-local" required value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
        <label>
          Reprocess
          <select value={reprocess} onChange={(e) => setReprocess(e.target.value as typeof reprocess)}>
            <option value="none">none: skip slots that ran</option>
            <option value="failed">failed: rerun failed slots</option>
            <option value="all">all: rerun every slot</option>
          </select>
        </label>
        <label>
          Max concurrent
          <input type="number" min={1} max={100} value={concurrency} onChange={(e) => setConcurrency(Number(e.target.value))} />
        </label>
        <ActionButton need="runner" jobAlias={alias} type="submit" kind="primary" busy={create.isPending}>
          Start backfill
        </ActionButton>
      </form>
      {create.error !== null && <ErrorState error={create.error} what="the backfill" />}
      {cancel.error !== null && <ErrorState error={cancel.error} what="the cancel" />}
      <h2>Backfills of {alias}</h2>
      <QueryView query={list} what="backfills">
        {(bs) =>
          bs.length === 0 ? (
            <Empty>No backfill yet.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Range</th>
                  <th scope="col">Status</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Reprocess</th>
                  <th scope="col">Created</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {bs.map((b) => (
                  <BackfillRow key={b.id} backfill={b} alias={alias} onCancel={() => cancel.mutate(b.id)} busy={cancel.isPending} />
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
      <p>
        <Link to={`/runs?job=${encodeURIComponent(alias)}&trigger=backfill`}>Runs of these backfills</Link>
      </p>
    </>
  );
}

function BackfillRow({
  backfill: b,
  alias,
  onCancel,
  busy,
}: {
  backfill: BackfillJson;
  alias: string;
  onCancel: () => void;
  busy: boolean;
}) {
  const done = b.completed_runs + b.failed_runs;
  return (
    <tr>
      <td>
        <Time iso={b.start} /> → <Time iso={b.end} />
      </td>
      <td>
        <StatusBadge status={b.status} />
        {b.cancel_requested_at !== undefined && b.status === 'running' && <span className="muted"> cancelling</span>}
      </td>
      <td>
        <progress max={Math.max(1, b.total_runs)} value={done} aria-label={`backfill progress: ${done} of ${b.total_runs} runs`} /> {done}/
        {b.total_runs}
        {b.failed_runs > 0 && <span className="error-text"> ({b.failed_runs} failed)</span>}
      </td>
      <td>{b.reprocess}</td>
      <td>
        <Time iso={b.created_at} />
      </td>
      <td>
        {b.status === 'running' && b.cancel_requested_at === undefined && (
          <ActionButton need="operator" jobAlias={alias} kind="danger" busy={busy} onClick={onCancel}>
            Cancel backfill
          </ActionButton>
        )}
      </td>
    </tr>
  );
}
