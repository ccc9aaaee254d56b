/**
 * The last entries of the server's log, kept for `GET /v1/logs/stream`: a
 * ring of at most `capacity` entries (2000, as in the original) with a
 * sequence number each, and the listeners of live entries. Memory stays
 * bounded however much the server logs.
 */
import type { LogLevel } from './log-settings.js';

/** One entry as the log console sends it. */
export interface LogEntry {
  sequence: number;
  /** RFC 3339 time with milliseconds, UTC. */
  ts: string;
  level: LogLevel;
  msg: string;
  /** Everything else the entry carried (for an access log line: method, path, status …). */
  fields?: Record<string, unknown>;
}

const DEFAULT_BACKLOG = 2000;

export class LogBacklog {
  readonly #capacity: number;
  readonly #ring: LogEntry[] = [];
  readonly #listeners = new Set<(entry: LogEntry) => void>();
  #sequence = 0;

  constructor(capacity = DEFAULT_BACKLOG) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Stores an entry (dropping the oldest beyond the capacity) and tells every listener. */
  push(entry: Omit<LogEntry, 'sequence'>): LogEntry {
    const stored: LogEntry = { sequence: ++this.#sequence, ...entry };
    this.#ring.push(stored);
    if (this.#ring.length > this.#capacity) this.#ring.shift();
    for (const listener of this.#listeners) listener(stored);
    return stored;
  }

  /** The kept entries with a sequence above `after`, oldest first. */
  since(after: number): LogEntry[] {
    return this.#ring.filter((e) => e.sequence > after);
  }

  /** Hears every entry pushed from now on; the returned function stops it. */
  listen(listener: (entry: LogEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
