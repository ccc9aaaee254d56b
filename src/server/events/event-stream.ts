/**
 * One `GET /v1/events` connection (docs/decisions.md §4.3, D13) as a byte
 * stream of SSE messages: `: ping` at once and every 15 s; with a cursor,
 * the persisted events after it (filtered, in pages of 500), then live bus
 * events, dropping any the replay already sent. Without a cursor, live only.
 *
 * The connection is a bus subscriber of its own: while the replay runs, live
 * events wait in its bus queue (bounded; overflow is dropped and counted like
 * any slow subscriber's). A client that stops reading fills a small stream
 * buffer, then its bus queue, never the server's memory. Cancelling the
 * stream (the client went away) unsubscribes and stops the timer, once.
 */
import type { EngineEvent } from '../../engine/ports/events.js';
import type { Store } from '../../store/ports/store.js';
import type { BusSubscriber } from '../../observe/bus-subscriber.js';
import { liveTypes, matchesLive, replayTypes, type EventFilter } from './event-filter.js';
import { PING, sseMessage } from './event-frame.js';

/** Keep-alive interval (docs/decisions.md §4.3). */
const PING_INTERVAL_MS = 15_000;
const REPLAY_PAGE = 500;
/** Messages buffered for a client before it must read. */
const STREAM_BUFFER = 64;

export interface EventStreamDeps {
  store: Store;
  /** The event bus's `subscribe`. */
  subscribe: (subscriber: BusSubscriber) => () => void;
  pingMs?: number;
  /** Hears about a replay that failed (the stream then ends with an error). */
  onError?: (error: unknown) => void;
}

/** Opens the stream; it ends when the consumer cancels it or `signal` aborts. */
export function openEventStream(deps: EventStreamDeps, filter: EventFilter, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let room: (() => void) | undefined;
  let replayed = filter.cursor ?? 0;
  let replayDone!: () => void;
  const replaying = new Promise<void>((resolve) => (replayDone = resolve));
  let unsubscribe = (): void => undefined;
  let timer: NodeJS.Timeout | undefined;

  const close = (): void => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(timer);
    room?.();
    replayDone();
  };
  /** Enqueues once the client has room; one writer at a time (the replay, then the live handler). */
  const write = async (text: string): Promise<void> => {
    while (!closed && (controller.desiredSize ?? 0) <= 0) await new Promise<void>((resolve) => (room = resolve));
    if (!closed) controller.enqueue(encoder.encode(text));
  };
  const ping = (): void => {
    if (!closed && (controller.desiredSize ?? 0) > 0) controller.enqueue(encoder.encode(PING));
  };

  const replay = async (): Promise<void> => {
    if (filter.cursor === undefined) return;
    const types = replayTypes(filter);
    if (types !== undefined && types.length === 0) return;
    for (;;) {
      const page = await deps.store.events.list({
        after: replayed,
        limit: REPLAY_PAGE,
        ...(filter.jobId === undefined ? {} : { jobId: filter.jobId }),
        ...(filter.runId === undefined ? {} : { runId: filter.runId }),
        ...(types === undefined ? {} : { types }),
      });
      for (const event of page) {
        if (closed) return;
        replayed = event.sequence;
        await write(sseMessage(event));
      }
      if (closed || page.length < REPLAY_PAGE) return;
    }
  };

  const live: BusSubscriber = {
    name: 'sse',
    types: liveTypes(filter),
    accepts: (event: EngineEvent) => matchesLive(filter, event),
    async handle(event) {
      await replaying;
      if (closed || (event.sequence > 0 && event.sequence <= replayed)) return;
      await write(sseMessage(event));
    },
  };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        unsubscribe = deps.subscribe(live);
        c.enqueue(encoder.encode(PING));
        timer = setInterval(ping, deps.pingMs ?? PING_INTERVAL_MS);
        timer.unref();
        signal?.addEventListener('abort', close, { once: true });
        replay().then(replayDone, (error: unknown) => {
          deps.onError?.(error);
          if (!closed) c.error(error);
          close();
        });
      },
      pull() {
        const wake = room;
        room = undefined;
        wake?.();
      },
      cancel() {
        close();
      },
    },
    new CountQueuingStrategy({ highWaterMark: STREAM_BUFFER }),
  );
}
