/**
 * One subscriber's side of the event bus: a bounded FIFO drained off the
 * engine's call stack, one event at a time, so a subscriber sees events in
 * publication order and a slow one only ever delays itself.
 */
import type { EngineEvent } from '../engine/ports/events.js';
import type { BusSubscriber, SubscriberHook } from './bus-subscriber.js';

/** What a queue reports back to its bus. */
export interface QueueHooks {
  drop(subscriber: BusSubscriber, event: EngineEvent): void;
  error(subscriber: BusSubscriber, hook: SubscriberHook, error: unknown, event?: EngineEvent): void;
}

/** The default number of pending events per subscriber (docs/decisions.md §4.2). */
const DEFAULT_BUFFER_SIZE = 1000;

/** A subscriber with its pending events. */
export class SubscriberQueue {
  readonly #items: EngineEvent[] = [];
  readonly #capacity: number;
  #draining: Promise<void> | undefined;

  constructor(
    readonly subscriber: BusSubscriber,
    private readonly hooks: QueueHooks,
  ) {
    const size = subscriber.bufferSize;
    this.#capacity = size !== undefined && Number.isInteger(size) && size > 0 ? size : DEFAULT_BUFFER_SIZE;
  }

  /** Queues `event` when the subscriber wants it; drops it when the buffer is full. Never throws. */
  offer(event: EngineEvent): void {
    if (!this.#wants(event)) return;
    if (this.#items.length >= this.#capacity) {
      this.hooks.drop(this.subscriber, event);
      return;
    }
    this.#items.push(event);
    this.#draining ??= this.#drain();
  }

  /** Resolves once every event queued so far (and any queued meanwhile) was handled. */
  async idle(): Promise<void> {
    while (this.#draining !== undefined) await this.#draining;
  }

  #wants(event: EngineEvent): boolean {
    if (this.subscriber.accepts === undefined) return true;
    try {
      return this.subscriber.accepts(event);
    } catch (error) {
      this.hooks.error(this.subscriber, 'accepts', error, event);
      return false;
    }
  }

  async #drain(): Promise<void> {
    // Deliver on a later microtask: never inside the engine's publish call.
    await Promise.resolve();
    for (let event = this.#items.shift(); event !== undefined; event = this.#items.shift()) {
      try {
        await this.subscriber.handle(event);
      } catch (error) {
        this.hooks.error(this.subscriber, 'handle', error, event);
      }
    }
    this.#draining = undefined;
  }
}
