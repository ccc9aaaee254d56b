/** What the event bus delivers to: one consumer of engine events, and the hooks it may fail in. */
import type { EngineEvent } from '../engine/ports/events.js';

/** One consumer of engine events; every member but `name` and `handle` is optional. */
export interface BusSubscriber {
  /** Names the subscriber in error reports. */
  readonly name: string;
  /** Receives each accepted event in publication order; a returned promise is awaited before the next. */
  handle(event: EngineEvent): void | Promise<void>;
  /** Which events to queue at all (default: all). Runs inside the engine's publish call: keep it cheap. */
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
