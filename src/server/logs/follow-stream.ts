/**
 * `GET …/logs?task_id=…&follow=true` (docs/live-logs.md) as server-sent
 * events: what was written so far, then each new line until the task ends,
 * every line exactly once. `log` carries `{attempt, line, text}` (whole
 * lines from line number `line` of that attempt), `gap` a stretch the bound
 * dropped (`{attempt, lines, bytes}`), and `end` the task's final status.
 *
 * The follower is registered before anything is read, and lines it hears
 * that the read already returned are skipped by their number.
 */
import { PING } from '../events/event-frame.js';
import { logPieces, type LogPiece } from './live-log.js';
import type { LiveItem, LogRecorder } from './log-recorder.js';

const PING_MS = 15_000;

export interface FollowTarget {
  taskRunId: string;
  runId: string;
  /** The task's status now (read after this stream is registered). */
  status: () => Promise<string>;
}

function frame(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

function pieceFrame(p: LogPiece): string {
  return p.kind === 'lines'
    ? frame('log', { attempt: p.attempt, line: p.line, text: p.text })
    : frame('gap', { attempt: p.attempt, lines: p.lines, bytes: p.bytes });
}

/** The stream; it ends with the task, when the client goes away, or when `signal` aborts. */
export function followLog(recorder: LogRecorder, target: FollowTarget, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let closed = false;
  let off = (): void => undefined;
  let timer: NodeJS.Timeout | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const send = (text: string): void => {
    if (!closed) controller.enqueue(encoder.encode(text));
  };
  const close = (): void => {
    if (closed) return;
    closed = true;
    off();
    clearInterval(timer);
    try {
      controller.close();
    } catch {
      // Already cancelled by the client.
    }
  };
  const finish = async (): Promise<void> => {
    const status = await target.status().catch(() => 'unknown');
    send(frame('end', { status }));
    close();
  };

  const start = async (): Promise<void> => {
    const early: LiveItem[] = [];
    let hear = (item: LiveItem): void => void early.push(item);
    off = recorder.listen(target.taskRunId, target.runId, (item) => hear(item));
    const status = await target.status();
    const log = await recorder.read(target.taskRunId);
    for (const piece of logPieces(log.chunks)) send(pieceFrame(piece));
    const fresh = (item: LiveItem): boolean =>
      item.kind === 'end' || item.attempt > log.attempt || (item.attempt === log.attempt && item.line >= log.nextLine);
    const deliver = (item: LiveItem): void => {
      if (closed || !fresh(item)) return;
      if (item.kind === 'end') void finish();
      else send(frame('log', { attempt: item.attempt, line: item.line, text: item.text }));
    };
    if (status !== 'pending' && status !== 'running' && !recorder.active(target.taskRunId)) return finish();
    hear = deliver;
    for (const item of early) deliver(item);
  };

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(encoder.encode(PING));
      timer = setInterval(() => send(PING), PING_MS);
      timer.unref();
      signal?.addEventListener('abort', close, { once: true });
      start().catch((error: unknown) => {
        if (!closed) c.error(error);
        closed = true;
        off();
        clearInterval(timer);
      });
    },
    cancel() {
      close();
    },
  });
}
