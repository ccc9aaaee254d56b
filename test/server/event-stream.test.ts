import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewExecutionEvent } from '../../src/engine/ports/events.js';
import type { Store } from '../../src/store/ports/store.js';
import { UsageError } from '../../src/errors.js';
import type { BusSubscriber } from '../../src/observe/bus-subscriber.js';
import { createEventBus, type EventBus } from '../../src/observe/event-bus.js';
import { DEFAULT_EVENT_RETENTION_MS, eventRetentionFromEnv, startEventPruner } from '../../src/server/events/event-retention.js';
import { openEventStream } from '../../src/server/events/event-stream.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

const RUN = '11111111-1111-4111-8111-111111111111';
const JOB = '22222222-2222-4222-8222-222222222222';

function event(type: 'task_ready' | 'run_started', timestamp = new Date().toISOString()): NewExecutionEvent {
  return type === 'task_ready'
    ? { type, jobId: JOB, runId: RUN, taskId: null, timestamp, payload: { id: 'x', name: 'step', attempt: 1 } }
    : {
        type,
        jobId: JOB,
        runId: RUN,
        taskId: null,
        timestamp,
        payload: {
          id: RUN,
          job_id: JOB,
          job_alias: 'a',
          status: 'running',
          started_at: timestamp,
          tasks: [],
          total_tasks: 1,
          trigger_type: 'cron',
        },
      };
}

/** Reads SSE text from a byte stream. */
function textReader(stream: ReadableStream<Uint8Array>): {
  until(check: (text: string) => boolean): Promise<string>;
  cancel(): Promise<void>;
} {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    async until(check) {
      while (!check(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`ended after: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
      return text;
    },
    cancel: () => reader.cancel(),
  };
}

const ids = (text: string): number[] => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

describe('the event stream of one connection', () => {
  let store: Store;
  let bus: EventBus;
  let subscribed: number;
  let drops: number;
  const subscribe = (s: BusSubscriber): (() => void) => {
    subscribed++;
    const off = bus.subscribe(s);
    return () => {
      subscribed--;
      off();
    };
  };

  beforeEach(async () => {
    store = await createMemoryStore();
    subscribed = 0;
    drops = 0;
    bus = createEventBus({ onDrop: () => drops++ });
  });
  afterEach(async () => {
    await bus.close({ timeoutMs: 1000 });
    await store.close();
  });

  it('pings at once and then periodically', async () => {
    const reader = textReader(openEventStream({ store, subscribe, pingMs: 20 }, {}));
    expect(await reader.until((t) => t.length > 0)).toBe(': ping\n\n');
    await reader.until((t) => t.split(': ping\n\n').length - 1 >= 3);
    await reader.cancel();
  });

  it('unsubscribes from the bus once the client goes away', async () => {
    const stream = openEventStream({ store, subscribe }, {});
    expect(subscribed).toBe(1);
    const reader = textReader(stream);
    await reader.until((t) => t.includes(': ping'));
    await reader.cancel();
    expect(subscribed).toBe(0);
    bus.sink({ ...event('task_ready'), sequence: 99 });
    await bus.flush();
  });

  it('unsubscribes when the request signal aborts', () => {
    const controller = new AbortController();
    openEventStream({ store, subscribe }, {}, controller.signal);
    expect(subscribed).toBe(1);
    controller.abort();
    expect(subscribed).toBe(0);
  });

  it('replays, then sends live events the replay did not, once each', async () => {
    const stored = await store.events.append([event('run_started'), event('task_ready'), event('task_ready')]);
    const reader = textReader(openEventStream({ store, subscribe }, { cursor: stored[0]!.sequence }));
    // Published while (or after) the replay reads them: the persisted ones must not come twice.
    for (const e of stored) bus.sink(e);
    const [later] = await store.events.append([event('task_ready')]);
    bus.sink(later!);
    const text = await reader.until((t) => ids(t).includes(later!.sequence));
    expect(ids(text)).toEqual([stored[1]!.sequence, stored[2]!.sequence, later!.sequence]);
    await reader.cancel();
  });

  it('holds a client that does not read to a bounded buffer: the rest is dropped and counted', async () => {
    const reader = textReader(openEventStream({ store, subscribe }, {}));
    for (let i = 1; i <= 1500; i++) bus.sink({ ...event('task_ready'), sequence: i });
    await reader.until((t) => t.includes('id: 1\n'));
    expect(drops).toBeGreaterThan(0);
    await reader.cancel();
    expect(subscribed).toBe(0);
  });
});

describe('event retention (docs/decisions.md D13)', () => {
  it('reads CAESIUM_EVENT_RETENTION: 168h by default, Go durations and days, 0 keeps forever', () => {
    expect(eventRetentionFromEnv({})).toBe(DEFAULT_EVENT_RETENTION_MS);
    expect(DEFAULT_EVENT_RETENTION_MS).toBe(168 * 3600 * 1000);
    expect(eventRetentionFromEnv({ CAESIUM_EVENT_RETENTION: '7d' })).toBe(DEFAULT_EVENT_RETENTION_MS);
    expect(eventRetentionFromEnv({ CAESIUM_EVENT_RETENTION: '1h30m' })).toBe(5_400_000);
    expect(eventRetentionFromEnv({ CAESIUM_EVENT_RETENTION: '0' })).toBe(0);
    expect(() => eventRetentionFromEnv({ CAESIUM_EVENT_RETENTION: 'a week' })).toThrow(UsageError);
  });

  it('prunes events older than the retention, keeps the newer ones', async () => {
    const store = await createMemoryStore();
    try {
      const now = Date.parse('2024-06-10T00:00:00.000Z');
      await store.events.append([event('run_started', '2024-06-01T00:00:00.000Z'), event('task_ready', '2024-06-09T12:00:00.000Z')]);
      const lines: string[] = [];
      const stop = startEventPruner(store, { retentionMs: 24 * 3_600_000, now: () => now, log: (l) => lines.push(l) });
      await stop();
      expect((await store.events.list({})).map((e) => e.timestamp)).toEqual(['2024-06-09T12:00:00.000Z']);
      expect(lines).toEqual(['caesium server: pruned 1 execution event(s) older than the retention']);
      await startEventPruner(store, { retentionMs: 0, now: () => now + 1e12 })();
      expect(await store.events.list({})).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
