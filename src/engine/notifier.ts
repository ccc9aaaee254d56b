/** An in-process wake-up: `notify` releases the pending `wait`, or the next one (no lost signals, no polling). */
export class Notifier {
  #pending = false;
  #release: (() => void) | undefined;

  notify(): void {
    const release = this.#release;
    if (release === undefined) {
      this.#pending = true;
      return;
    }
    this.#release = undefined;
    release();
  }

  wait(): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#release = resolve;
    });
  }
}
