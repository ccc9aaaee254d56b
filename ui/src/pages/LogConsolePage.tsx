/** The log console: the server's own log streamed live, and the level it logs at. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { follow } from '../lib/sse.js';
import { ErrorState } from '../lib/states.js';
import { ConsoleGate } from './ConsoleGate.js';

const LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'];
const KEEP = 2000;

interface LogEntry {
  sequence: number;
  ts: string;
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}

export default function LogConsolePage() {
  const level = useQuery({ queryKey: ['log-level'], queryFn: api.logLevel, retry: false });
  return (
    <section>
      <h1>Log console</h1>
      <ConsoleGate probe={level} setting="CAESIUM_LOG_CONSOLE_ENABLED">
        <LogConsole level={level.data?.level ?? 'info'} />
      </ConsoleGate>
    </section>
  );
}

function LogConsole({ level }: { level: string }) {
  const client = useQueryClient();
  const [shown, setShown] = useState('debug');
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const change = useMutation({ mutationFn: api.setLogLevel, onSuccess: () => client.invalidateQueries({ queryKey: ['log-level'] }) });
  useEffect(() => {
    const abort = new AbortController();
    setEntries([]);
    void follow(
      `/v1/logs/stream?level=${shown}`,
      (m) => {
        if (m.type !== 'log') return;
        setEntries((es) => [...es, m.data as LogEntry].slice(-KEEP));
      },
      abort.signal,
    );
    return () => abort.abort();
  }, [shown]);
  return (
    <>
      <div className="toolbar">
        <label>
          Server logs at
          <select value={level} onChange={(e) => change.mutate(e.target.value)}>
            {LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Show from
          <select value={shown} onChange={(e) => setShown(e.target.value)}>
            {LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
      </div>
      {change.error !== null && <ErrorState error={change.error} what="the level" />}
      <div className="console" role="log" aria-label="Server log" tabIndex={0}>
        {entries.length === 0 && <p className="muted">Waiting for log lines…</p>}
        {entries.map((e) => (
          <div key={e.sequence} className={`line level-${e.level}`}>
            <span className="muted">{e.ts}</span> <strong>{e.level}</strong> {e.msg}
            {e.fields !== undefined && <span className="muted"> {JSON.stringify(e.fields)}</span>}
          </div>
        ))}
      </div>
    </>
  );
}
