/**
 * Virtual time for engine tests. Timers fire in time order, one at a time, only
 * when the process is otherwise idle (a `setImmediate` runs after every pending
 * promise job), so retries and timeouts are exercised without sleeping.
 */
import type { Clock } from '../../../src/engine/ports/clock.js';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #scheduled = false;
  readonly #timers: Timer[] = [];
  /** Every duration the engine asked `sleep` for, in order. */
  readonly sleeps: number[] = [];

  constructor(start = Date.parse('2026-01-01T00:00:00.000Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** The engine's port: recorded in `sleeps`. */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return this.wait(ms, signal);
  }

  /** A sleep that is not recorded (used by the fake runtime). */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted === true) {
        resolve();
        return;
      }
      const timer: Timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fire: () => undefined };
      const onAbort = (): void => {
        const i = this.#timers.indexOf(timer);
        if (i >= 0) this.#timers.splice(i, 1);
        resolve();
      };
      timer.fire = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
      this.#schedule();
    });
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.#timers.length;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#fireNext();
    });
  }

  #fireNext(): void {
    if (this.#timers.length === 0) return;
    this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.#timers.shift() as Timer;
    this.#now = Math.max(this.#now, next.at);
    next.fire();
    if (this.#timers.length > 0) this.#schedule();
  }
}
