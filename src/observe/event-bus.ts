/**
 * The event bus: fans every `EngineEvent` out to its subscribers (metrics,
 * lineage, SSE, callbacks). Each subscriber has its own bounded queue, so a
 * subscriber that throws, rejects or stalls never affects the run or the
 * other subscribers (docs/architecture.md rule 6); overflow is dropped and counted in
 * `caesium_event_bus_dropped_total{event_type}`.
 */
import type { EngineEvent, EventSink } from '../engine/ports/events.js';
import type { CaesiumMetrics } from './metrics/create-metrics.js';
import type { BusSubscriber, SubscriberHook } from './bus-subscriber.js';
import { QueueIndex } from './queue-index.js';
import { SubscriberQueue } from './subscriber-queue.js';

/** What a subscriber failure looks like to `onError`. */
export interface SubscriberFailure {
  subscriber: string;
  hook: SubscriberHook;
  error: unknown;
  event?: EngineEvent;
}

export interface EventBusOptions {
  /** Counts dropped events in `caesium_event_bus_dropped_total{event_type}`. */
  metrics?: Pick<CaesiumMetrics, 'family'>;
  /** Hears about every subscriber failure (the bus itself stays silent). Must not throw; if it does, it is ignored. */
  onError?: (failure: SubscriberFailure) => void;
  /** Hears about every dropped event. */
  onDrop?: (subscriber: string, event: EngineEvent) => void;
}

export interface EventBus {
  /** The `EventSink` to hand to the engine; never throws, never blocks on a subscriber. */
  readonly sink: EventSink;
  /** Adds a subscriber for events published from now on; returns its unsubscribe function. */
  subscribe(subscriber: BusSubscriber): () => void;
  /** Resolves once every event published so far has been handled and every subscriber's `flush` ran. */
  flush(): Promise<void>;
  /**
   * Stops accepting events, flushes (at most `timeoutMs`, default 30 s, so a stalled
   * subscriber cannot hang a shutdown), then closes subscribers in reverse order. Idempotent.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/** Creates an event bus. */
export function createEventBus(options: EventBusOptions = {}): EventBus {
  const queues: SubscriberQueue[] = [];
  /** The queues each event type is offered to: those of every type, and those that named it. */
  const index = new QueueIndex();
  let closing: Promise<void> | undefined;
  const report = (failure: SubscriberFailure): void => {
    try {
      options.onError?.(failure);
    } catch {
      // An error reporter that fails is ignored too.
    }
  };
  const hooks = {
    drop(subscriber: BusSubscriber, event: EngineEvent): void {
      try {
        options.metrics?.family('caesium_event_bus_dropped_total').inc({ event_type: event.type });
        options.onDrop?.(subscriber.name, event);
      } catch {
        // Counting a drop never fails a publish.
      }
    },
    error(subscriber: BusSubscriber, hook: SubscriberHook, error: unknown, event?: EngineEvent): void {
      report(event === undefined ? { subscriber: subscriber.name, hook, error } : { subscriber: subscriber.name, hook, error, event });
    },
  };

  const flush = async (): Promise<void> => {
    let pending = queues.slice();
    // Handling an event may publish nothing, but a subscriber added meanwhile is flushed too.
    while (pending.length > 0) {
      await Promise.all(pending.map((q) => q.idle()));
      await Promise.all(pending.map((q) => callHook(q.subscriber, 'flush', hooks)));
      pending = queues.filter((q) => !pending.includes(q));
    }
  };

  return {
    sink: (event: EngineEvent): void => {
      if (closing !== undefined) return;
      for (const queue of index.of(event.type)) {
        try {
          queue.offer(event);
        } catch {
          // offer() does not throw; a publish must never fail even if it did.
        }
      }
    },
    subscribe(subscriber) {
      const queue = new SubscriberQueue(subscriber, hooks);
      queues.push(queue);
      index.add(queue);
      return () => {
        const at = queues.indexOf(queue);
        if (at >= 0) queues.splice(at, 1);
        index.remove(queue);
      };
    },
    flush,
    close({ timeoutMs = 30_000 } = {}) {
      closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
        await Promise.race([flush(), timeout]);
        clearTimeout(timer);
        for (const queue of queues.slice().reverse()) await callHook(queue.subscriber, 'close', hooks);
        queues.length = 0;
        index.clear();
      })();
      return closing;
    },
  };
}

async function callHook(
  subscriber: BusSubscriber,
  hook: 'flush' | 'close',
  hooks: { error: (s: BusSubscriber, h: SubscriberHook, e: unknown) => void },
): Promise<void> {
  try {
    await subscriber[hook]?.();
  } catch (error) {
    hooks.error(subscriber, hook, error);
  }
}
