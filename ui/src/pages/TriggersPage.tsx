/** Every trigger: its type, its job and its configuration. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api.js';
import { Empty, QueryView } from '../lib/states.js';
import { Time } from '../lib/time.js';

export default function TriggersPage() {
  const triggers = useQuery({ queryKey: ['triggers'], queryFn: api.triggers });
  const jobs = useQuery({ queryKey: ['jobs'], queryFn: api.jobs });
  const jobOf = (alias: string) => jobs.data?.find((j) => j.alias === alias);
  return (
    <section>
      <h1>Triggers</h1>
      <QueryView query={triggers} what="triggers">
        {(ts) =>
          ts.length === 0 ? (
            <Empty>No triggers.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Type</th>
                  <th scope="col">Configuration</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {ts.map((t) => {
                  const job = jobOf(t.alias);
                  return (
                    <tr key={t.id}>
                      <td>{job === undefined ? t.alias : <Link to={`/jobs/${job.id}`}>{t.alias}</Link>}</td>
                      <td>{t.type}</td>
                      <td>
                        <code>{t.configuration}</code>
                      </td>
                      <td>
                        <Time iso={t.updated_at} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </section>
  );
}
