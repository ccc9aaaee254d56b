/** Every atom (an engine, image and command a step runs). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api.js';
import { Empty, QueryView } from '../lib/states.js';
import { Time } from '../lib/time.js';

const command = (json: string): string => {
  try {
    return (JSON.parse(json) as string[]).join(' ');
  } catch {
    return json;
  }
};

export default function AtomsPage() {
  const atoms = useQuery({ queryKey: ['atoms'], queryFn: api.atoms });
  return (
    <section>
      <h1>Atoms</h1>
      <QueryView query={atoms} what="atoms">
        {(as) =>
          as.length === 0 ? (
            <Empty>No atoms.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Engine</th>
                  <th scope="col">Image</th>
                  <th scope="col">Command</th>
                  <th scope="col">Replay-safe</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {as.map((a) => (
                  <tr key={a.id}>
                    <td>{a.engine}</td>
                    <td>{a.image === '' ? '—' : <code>{a.image}</code>}</td>
                    <td>
                      <code>{command(a.command)}</code>
                    </td>
                    <td>{a.replay_safe ? 'yes' : 'no'}</td>
                    <td>
                      <Time iso={a.created_at} />
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
}
