/** A clock the test moves by hand: `sleep` resolves when `set`/`advance` pass its deadline (or its signal aborts). */
import type { Clock } from '../../../src/engine/ports/clock.js';

interface Sleeper {
  until: number;
  resolve: () => void;
}

export class FakeClock implements Clock {
  #now: number;
  #sleepers: Sleeper[] = [];
  #waiting: ((ms: number) => void)[] = [];

  constructor(start: string) {
    this.#now = Date.parse(start);
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    for (const notify of this.#waiting.splice(0)) notify(ms);
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper: Sleeper = { until: this.#now + ms, resolve };
      const done = (): void => {
        this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
        resolve();
      };
      sleeper.resolve = done;
      signal.addEventListener('abort', done, { once: true });
      this.#sleepers.push(sleeper);
    });
  }

  /** Moves to `iso` and wakes every sleeper whose deadline passed. */
  set(iso: string): void {
    this.#now = Date.parse(iso);
    for (const s of this.#sleepers.filter((x) => x.until <= this.#now)) s.resolve();
  }

  /** Resolves with the duration of the next `sleep` call. */
  nextSleep(): Promise<number> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
}
