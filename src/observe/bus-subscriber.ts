/** What the event bus delivers to: one consumer of engine events, and the hooks it may fail in. */
import type { EngineEvent } from '../engine/ports/events.js';

/** One consumer of engine events; every member but `name` and `handle` is optional. */
export interface BusSubscriber {
  /** Names the subscriber in error reports. */
  readonly name: string;
  /** Receives each accepted event in publication order; a returned promise is awaited before the next. */
  handle(event: EngineEvent): void | Promise<void>;
  /**
   * Only events of these types are offered (default: every type). The bus indexes
   * subscribers by it, so an event of another type costs this subscriber nothing:
   * not even an `accepts` call (a step printing many lines must not pay per SSE client).
   */
  readonly types?: ReadonlySet<EngineEvent['type']>;
  /** Which of the offered events to queue (default: all). Runs inside the engine's publish call: keep it cheap. */
  accepts?(event: EngineEvent): boolean;
  /** Pending events kept before new ones are dropped (default 1000). */
  readonly bufferSize?: number;
  /** Called by `bus.flush()` once this subscriber's queue is empty (e.g. to flush a transport). */
  flush?(): Promise<void>;
  /** Called once by `bus.close()`, after the final flush, in reverse subscription order. */
  close?(): void | Promise<void>;
}

/** Where a subscriber failed, for `onError`. */
export type SubscriberHook = 'accepts' | 'handle' | 'flush' | 'close';
