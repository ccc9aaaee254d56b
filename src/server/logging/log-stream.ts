/**
 * One `GET /v1/logs/stream` connection as a byte stream of SSE messages
 * (docs/operator-consoles.md): `: ping` at once and every 15 s, the kept
 * entries after `since` (all kept ones when absent), then live entries, each
 * at or above the requested level:
 * `id: <sequence>\nevent: log\ndata: {sequence, ts, level, msg, fields?}`.
 * A client that stops reading loses entries (counted in a `dropped` comment)
 * rather than growing the server's memory.
 */
import type { LogBacklog, LogEntry } from './log-backlog.js';
import { LOG_LEVELS, type LogLevel } from './log-settings.js';

const PING_INTERVAL_MS = 15_000;
/** Messages buffered for a client before newer ones are dropped. */
const STREAM_BUFFER = 256;

export interface LogStreamOptions {
  level: LogLevel;
  since: number;
  pingMs?: number;
}

/** Opens the stream; it ends when the client cancels it or `signal` aborts. */
export function openLogStream(backlog: LogBacklog, options: LogStreamOptions, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const floor = LOG_LEVELS.indexOf(options.level);
  let closed = false;
  let dropped = 0;
  let stop = (): void => undefined;
  let timer: NodeJS.Timeout | undefined;
  const close = (): void => {
    if (closed) return;
    closed = true;
    stop();
    clearInterval(timer);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        const send = (text: string): void => {
          if (closed) return;
          if ((c.desiredSize ?? 0) <= 0) {
            dropped++;
            return;
          }
          if (dropped > 0) c.enqueue(encoder.encode(`: dropped ${dropped} entries\n\n`));
          dropped = 0;
          c.enqueue(encoder.encode(text));
        };
        const entry = (e: LogEntry): void => {
          if (LOG_LEVELS.indexOf(e.level) >= floor) send(message(e));
        };
        c.enqueue(encoder.encode(': ping\n\n'));
        for (const e of backlog.since(options.since)) entry(e);
        stop = backlog.listen(entry);
        timer = setInterval(() => send(': ping\n\n'), options.pingMs ?? PING_INTERVAL_MS);
        timer.unref();
        signal?.addEventListener('abort', close, { once: true });
      },
      cancel() {
        close();
      },
    },
    new CountQueuingStrategy({ highWaterMark: STREAM_BUFFER }),
  );
}

function message(e: LogEntry): string {
  return `id: ${e.sequence}\nevent: log\ndata: ${JSON.stringify(e)}\n\n`;
}
