/**
 * Which subscriber queues an event type is offered to: a list per type, kept
 * up to date on subscribe and unsubscribe, so publishing walks only the queues
 * that want that type. Subscription order is kept within each list.
 */
import type { EngineEvent } from '../engine/ports/events.js';
import type { SubscriberQueue } from './subscriber-queue.js';

type EventType = EngineEvent['type'];

/** Queues by the event types they take. */
export class QueueIndex {
  readonly #all: SubscriberQueue[] = [];
  readonly #byType = new Map<EventType, SubscriberQueue[]>();

  add(queue: SubscriberQueue): void {
    this.#all.push(queue);
    this.#byType.clear();
  }

  remove(queue: SubscriberQueue): void {
    const at = this.#all.indexOf(queue);
    if (at >= 0) this.#all.splice(at, 1);
    this.#byType.clear();
  }

  clear(): void {
    this.#all.length = 0;
    this.#byType.clear();
  }

  /** The queues that take `type`, in subscription order (computed once per type between changes). */
  of(type: EventType): readonly SubscriberQueue[] {
    let list = this.#byType.get(type);
    if (list === undefined) {
      list = this.#all.filter((q) => q.subscriber.types === undefined || q.subscriber.types.has(type));
      this.#byType.set(type, list);
    }
    return list;
  }
}
