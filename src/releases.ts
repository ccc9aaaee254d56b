/**
 * What a front door acquired (a dev session, a server), released in reverse
 * order, once. A release that fails does not stop the others; its error goes
 * to `onError` (dropped when there is none).
 */
export class Releases {
  readonly #stack: (() => unknown)[] = [];
  readonly #onError: ((error: unknown) => void) | undefined;
  #released: Promise<void> | undefined;

  constructor(onError?: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** Registers `release` to run at `releaseAll`. */
  defer(release: () => unknown): void {
    this.#stack.push(release);
  }

  /** Runs every release, newest first; later calls return the same promise. */
  releaseAll(): Promise<void> {
    this.#released ??= (async () => {
      while (this.#stack.length > 0) {
        const release = this.#stack.pop();
        try {
          await release?.();
        } catch (error) {
          // Keep releasing: one stuck resource must not leak the others.
          this.#onError?.(error);
        }
      }
    })();
    return this.#released;
  }
}
