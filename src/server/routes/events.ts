/**
 * `GET /v1/events` (docs/decisions.md §11.4, §4.3, D13): the
 * execution event stream as server-sent events. See events/event-stream.ts.
 */
import type { Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { parseEventFilter } from '../events/event-filter.js';
import { openEventStream } from '../events/event-stream.js';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/** Registers the event stream route. */
export function eventRoutes(app: Hono, deps: AppDeps): void {
  app.get('/v1/events', (c) => {
    const filter = parseEventFilter((name) => c.req.query(name), c.req.header('last-event-id'));
    const body = openEventStream(
      { store: deps.store, subscribe: deps.events.subscribe, pingMs: deps.events.pingMs },
      filter,
      c.req.raw.signal,
    );
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  });
}
