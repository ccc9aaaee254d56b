/** The run form of a job: its params (the trigger's defaults, or a recent run's set) and a priority. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { RunJson } from '../../../src/api/index.js';
import { api } from '../api.js';
import { ActionButton } from '../lib/ActionButton.js';

type Pair = { key: string; value: string };

const pairsOf = (params: Record<string, string>): Pair[] => Object.entries(params).map(([key, value]) => ({ key, value }));

export function RunForm({
  jobId,
  alias,
  paused,
  defaults,
  recent,
}: {
  jobId: string;
  alias: string;
  paused: boolean;
  defaults: Record<string, string>;
  recent: readonly RunJson[];
}) {
  const [pairs, setPairs] = useState<Pair[]>(() => pairsOf(defaults));
  const [priority, setPriority] = useState<'normal' | 'high' | 'low'>('normal');
  const navigate = useNavigate();
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: () =>
      api.startRun(jobId, {
        params: Object.fromEntries(pairs.filter((p) => p.key.trim() !== '').map((p) => [p.key.trim(), p.value])),
        priority,
      }),
    onSuccess: (run) => {
      void client.invalidateQueries({ queryKey: ['job', jobId] });
      void navigate(`/jobs/${jobId}/runs/${run.id}`);
    },
  });
  const sets = [
    ...new Map(recent.filter((r) => Object.keys(r.params).length > 0).map((r) => [JSON.stringify(r.params), r.params])).values(),
  ].slice(0, 5);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  const update = (i: number, field: keyof Pair, value: string) =>
    setPairs((ps) => ps.map((p, j) => (j === i ? { ...p, [field]: value } : p)));
  return (
    <form className="run-form" onSubmit={submit} aria-label={`Run ${alias}`}>
      <fieldset>
        <legend>Params</legend>
        {pairs.length === 0 && <p className="muted">No params: the run uses the trigger's defaults.</p>}
        {pairs.map((p, i) => (
          <div className="pair" key={i}>
            <input aria-label={`param ${i + 1} name`} value={p.key} onChange={(e) => update(i, 'key', e.target.value)} placeholder="name" />
            <input
              aria-label={`param ${i + 1} value`}
              value={p.value}
              onChange={(e) => update(i, 'value', e.target.value)}
              placeholder="value"
            />
            <button
              type="button"
              className="ghost"
              aria-label={`remove param ${i + 1}`}
              onClick={() => setPairs((ps) => ps.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="ghost" onClick={() => setPairs((ps) => [...ps, { key: '', value: '' }])}>
          + param
        </button>
        {sets.length > 0 && (
          <label>
            Recent parameter sets
            <select
              onChange={(e) => e.target.value !== '' && setPairs(pairsOf(JSON.parse(e.target.value) as Record<string, string>))}
              value=""
            >
              <option value="">choose…</option>
              {sets.map((s) => (
                <option key={JSON.stringify(s)} value={JSON.stringify(s)}>
                  {Object.entries(s)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(' ')}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      <label>
        Priority
        <select value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
          <option value="normal">normal</option>
          <option value="high">high</option>
          <option value="low">low</option>
        </select>
      </label>
      <ActionButton need="runner" jobAlias={alias} type="submit" kind="primary" busy={start.isPending} disabled={paused}>
        {paused ? 'Paused: unpause to run' : 'Run now'}
      </ActionButton>
      {start.error !== null && (
        <p role="alert" className="error">
          {start.error.message}
        </p>
      )}
    </form>
  );
}
