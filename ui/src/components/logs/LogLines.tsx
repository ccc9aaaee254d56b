/**
 * The lines of a log, windowed: only the rows in view (and a margin) are in the DOM, so a long log costs no
 * more to draw than a short one. Follows the end while `stick` is on; scrolling up turns it off.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { LogEntry } from './log-buffer.js';

const LINE_HEIGHT = 18;
const OVERSCAN = 30;

export interface LogLinesProps {
  entries: readonly LogEntry[];
  /** Highlights every match of this text (case-insensitive). */
  highlight: string;
  height: number;
  stick: boolean;
  onStickChange: (stick: boolean) => void;
  label: string;
}

function marked(text: string, needle: string): ReactNode {
  if (needle === '') return text;
  const lower = text.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle, from); at >= 0; at = lower.indexOf(needle, from)) {
    parts.push(text.slice(from, at), <mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return parts;
}

function Row({ entry, needle }: { entry: LogEntry; needle: string }) {
  switch (entry.kind) {
    case 'attempt':
      return <div className="log-row log-attempt">── attempt {entry.attempt} ──</div>;
    case 'gap':
      return (
        <div className="log-row log-gap">
          [{entry.lines} lines ({entry.bytes} bytes) dropped here: the log is longer than the server keeps]
        </div>
      );
    case 'line':
      return (
        <div className="log-row">
          <span className="log-no" aria-hidden="true">
            {entry.line + 1}
          </span>
          {marked(entry.text, needle)}
        </div>
      );
  }
}

export function LogLines({ entries, highlight, height, stick, onStickChange, label }: LogLinesProps) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const needle = highlight.toLowerCase();
  const total = entries.length * LINE_HEIGHT;

  useLayoutEffect(() => {
    const el = box.current;
    if (el !== null && stick) el.scrollTop = el.scrollHeight;
  }, [entries, entries.length, stick]);

  const onScroll = (): void => {
    const el = box.current;
    if (el === null) return;
    setTop(el.scrollTop);
    const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - LINE_HEIGHT;
    if (atEnd !== stick) onStickChange(atEnd);
  };

  // While following, the window is the end (the scroll position catches up after this render).
  const rows = Math.ceil(height / LINE_HEIGHT) + OVERSCAN;
  const start = stick ? Math.max(0, entries.length - rows) : Math.max(0, Math.floor(top / LINE_HEIGHT) - OVERSCAN);
  const shown = entries.slice(start, start + rows + OVERSCAN);
  return (
    <div
      ref={box}
      className="log-lines"
      style={{ height: Math.min(height, Math.max(4, entries.length + 1) * LINE_HEIGHT) }}
      onScroll={onScroll}
      role="log"
      aria-live="off"
      aria-label={label}
      tabIndex={0}
    >
      <div style={{ height: total, position: 'relative' }}>
        <div style={{ position: 'absolute', top: start * LINE_HEIGHT, left: 0, right: 0 }}>
          {shown.map((e, i) => (
            <Row key={start + i} entry={e} needle={needle} />
          ))}
        </div>
      </div>
    </div>
  );
}
