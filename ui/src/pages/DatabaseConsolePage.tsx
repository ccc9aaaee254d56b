/** The database console: the schema, and read-only SQL with its rows as a table. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ErrorState } from '../lib/states.js';
import { ConsoleGate } from './ConsoleGate.js';

interface QueryAnswer {
  columns: { name: string; data_type: string }[];
  rows: unknown[][];
  row_count: number;
  truncated: boolean;
  duration_ms: number;
}

interface SchemaAnswer {
  tables?: { name: string; columns?: { name: string; data_type?: string }[] }[];
}

export default function DatabaseConsolePage() {
  const schema = useQuery({ queryKey: ['db-schema'], queryFn: api.dbSchema, retry: false });
  return (
    <section>
      <h1>Database console</h1>
      <ConsoleGate probe={schema} setting="CAESIUM_DATABASE_CONSOLE_ENABLED">
        <DatabaseConsole schema={schema.data as SchemaAnswer | undefined} />
      </ConsoleGate>
    </section>
  );
}

const cell = (row: unknown[], i: number): string => {
  const value = row[i];
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

function DatabaseConsole({ schema }: { schema: SchemaAnswer | undefined }) {
  const [sql, setSql] = useState('SELECT id, status, started_at FROM runs ORDER BY started_at DESC LIMIT 20');
  const run = useMutation({ mutationFn: () => api.dbQuery(sql) as Promise<QueryAnswer> });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate();
  };
  return (
    <div className="grid-2 wide-right">
      <aside aria-label="Tables">
        <h2>Tables</h2>
        <ul className="plain">
          {(schema?.tables ?? []).map((t) => (
            <li key={t.name}>
              <button type="button" className="link" onClick={() => setSql(`SELECT * FROM ${t.name} LIMIT 50`)}>
                {t.name}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div>
        <form onSubmit={submit}>
          <label htmlFor="sql">Read-only SQL</label>
          <textarea id="sql" rows={4} value={sql} onChange={(e) => setSql(e.target.value)} spellCheck={false} />
          <button type="submit" disabled={run.isPending}>
            Run query
          </button>
        </form>
        {run.error !== null && <ErrorState error={run.error} what="the query" />}
        {run.data !== undefined && (
          <>
            <p className="muted">
              {run.data.row_count} rows{run.data.truncated ? ' (truncated)' : ''} in {run.data.duration_ms} ms
            </p>
            <div className="scroll">
              <table>
                <thead>
                  <tr>
                    {run.data.columns.map((c, i) => (
                      <th scope="col" key={i} title={c.data_type}>
                        {c.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {run.data.rows.map((row, r) => (
                    <tr key={r}>
                      {run.data.columns.map((_, i) => (
                        <td key={i}>{cell(row, i)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
