/** `CAESIUM_LOG_FORMAT=text`: one readable line per entry, `<time> <LEVEL> <message> key=value …`. */
import type { LogEntry } from './log-backlog.js';

/** The entry as one line; values with spaces, quotes or `=` are JSON-quoted. */
export function textLine(entry: LogEntry): string {
  const fields = Object.entries(entry.fields ?? {}).map(([k, v]) => `${k}=${value(v)}`);
  return [entry.ts, entry.level.toUpperCase().padEnd(5), entry.msg, ...fields].join(' ');
}

function value(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}
