/**
 * A task's log: the plain log once the task ended, followed live while it runs. Attempts are labelled, every
 * line shows once, a search box filters and highlights, the view follows the end until the reader scrolls up,
 * and memory is bounded (the oldest lines go past a cap, with a note). The default export suits `React.lazy`.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { LogEntry } from './log-buffer.js';
import { LogLines } from './LogLines.js';
import { httpLogSource, type LogSource } from './log-source.js';
import { useTaskLog, type LogPhase } from './use-task-log.js';
import './logs.css';

export interface LogViewerProps {
  jobId: string;
  runId: string;
  /** The task id (or the step name). */
  taskId: string;
  /** True while the task runs (or may still start): the log is followed live. */
  live: boolean;
  /** The task run's attempt: labels a plain log of one attempt (the server labels only when there are several). */
  attempt?: number;
  /** Names the log for assistive technology (default: the task id). */
  taskName?: string;
  height?: number;
  /** The most lines held (default 50,000). */
  cap?: number;
  /** Where the log is read; by default the server (tests pass their own). */
  source?: LogSource;
}

function phaseText(s: LogPhase): string {
  switch (s.phase) {
    case 'loading':
      return 'Loading the log…';
    case 'following':
      return 'Following the log live.';
    case 'reconnecting':
      return 'The connection dropped; reconnecting…';
    case 'ended':
      return `The task ended: ${s.status}.`;
    case 'loaded':
      return s.truncated ? 'The log is longer than the server keeps: its first and last lines are shown.' : '';
    case 'none':
      return s.state === 'pending'
        ? 'No output yet: the task has not started.'
        : s.state === 'unavailable'
          ? 'The log is unavailable.'
          : 'The task wrote no output.';
    case 'error':
      return '';
  }
}

export default function LogViewer(props: LogViewerProps) {
  const { jobId, runId, taskId, live, attempt = 1, height = 420, cap } = props;
  const source = useMemo(() => props.source ?? httpLogSource(jobId, runId, taskId), [props.source, jobId, runId, taskId]);
  const { buffer, version, state } = useTaskLog(source, live, attempt, cap);
  const [query, setQuery] = useState('');
  const [onlyMatches, setOnlyMatches] = useState(true);
  const [stick, setStick] = useState(true);
  const needle = useDeferredValue(query.trim());

  const lineCount = useMemo(() => buffer.entries.filter((e) => e.kind === 'line').length, [buffer, version]);
  const shown = useMemo<readonly LogEntry[]>(() => {
    const all = buffer.entries.slice();
    if (needle === '' || !onlyMatches) return all;
    const lower = needle.toLowerCase();
    return all.filter((e) => e.kind !== 'line' || e.text.toLowerCase().includes(lower));
  }, [buffer, version, needle, onlyMatches]);
  const matches = needle === '' ? 0 : shown.filter((e) => e.kind === 'line' && e.text.toLowerCase().includes(needle.toLowerCase())).length;
  const name = props.taskName ?? taskId;
  const [saving, setSaving] = useState('');
  const download = async (): Promise<void> => {
    setSaving('Preparing the download…');
    try {
      const log = await source.plain(new AbortController().signal);
      if ('state' in log) return setSaving('There is no log to download yet.');
      const url = URL.createObjectURL(new Blob([log.text], { type: 'text/plain' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${name}.log`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setSaving('');
    } catch (error) {
      setSaving(`The download failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <section className="log-viewer" aria-label={`Log of ${name}`}>
      <div className="log-tools">
        <label>
          Search the log <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="text to find" />
        </label>
        <label>
          <input type="checkbox" checked={onlyMatches} onChange={(e) => setOnlyMatches(e.target.checked)} /> only matching lines
        </label>
        <label>
          <input type="checkbox" checked={stick} onChange={(e) => setStick(e.target.checked)} /> follow the end
        </label>
        <button type="button" onClick={() => void download()}>
          Download the log
        </button>
        {saving !== '' && <span role="status">{saving}</span>}
        <span className="log-count" aria-live="polite">
          {needle === '' ? `${lineCount} lines` : `${matches} of ${lineCount} lines match`}
        </span>
      </div>
      <p className="log-state" role="status">
        {phaseText(state)}
      </p>
      {state.phase === 'error' && (
        <p className="log-error" role="alert">
          The log could not be read: {state.message}
        </p>
      )}
      {buffer.dropped > 0 && (
        <p className="log-note">
          {buffer.dropped} earlier lines are not kept here (this view holds at most the newest {cap ?? 50_000} lines; the download has them
          all).
        </p>
      )}
      <LogLines entries={shown} highlight={needle} height={height} stick={stick} onStickChange={setStick} label={`Output of ${name}`} />
    </section>
  );
}
