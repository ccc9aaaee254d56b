/** A node's task claims (`/v1/nodes/:address/workers`); this server is one node, named `server` by default. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api.js';
import { Empty, QueryView } from '../lib/states.js';
import { Time } from '../lib/time.js';

export default function NodesPage() {
  const [params, setParams] = useSearchParams();
  const address = params.get('address') ?? 'server';
  const [draft, setDraft] = useState(address);
  const workers = useQuery({ queryKey: ['workers', address], queryFn: () => api.workers(address), refetchInterval: 3000 });
  return (
    <section>
      <h1>Nodes and workers</h1>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ address: draft.trim() || 'server' });
        }}
      >
        <label>
          Node address
          <input value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">Show</button>
      </form>
      <QueryView query={workers} what="the node">
        {(w) => (
          <>
            <dl className="facts">
              <div>
                <dt>Claimed tasks</dt>
                <dd>{w.total_claimed_tasks}</dd>
              </div>
              <div>
                <dt>Running now</dt>
                <dd>{w.running_claims}</dd>
              </div>
              <div>
                <dt>Claim attempts</dt>
                <dd>{w.total_claim_attempts}</dd>
              </div>
              <div>
                <dt>Expired leases</dt>
                <dd>{w.expired_leases}</dd>
              </div>
              <div>
                <dt>Last activity</dt>
                <dd>
                  <Time iso={w.last_activity_at} />
                </dd>
              </div>
            </dl>
            <h2>By status</h2>
            <ul>
              {Object.entries(w.claimed_by_status).map(([s, n]) => (
                <li key={s}>
                  {s}: {n}
                </li>
              ))}
            </ul>
            <h2>Active claims</h2>
            {w.active_claims.length === 0 ? (
              <Empty>No task is claimed right now.</Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Task</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempt</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {w.active_claims.map((c) => (
                    <tr key={`${c.job_run_id}/${c.task_id}`}>
                      <td>
                        <code>{c.job_run_id.slice(0, 8)}</code>
                      </td>
                      <td>
                        <code>{c.task_id.slice(0, 8)}</code>
                      </td>
                      <td>{c.status}</td>
                      <td>{c.claim_attempt}</td>
                      <td>
                        <Time iso={c.updated_at} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
