/**
 * What a dev session acquired, released in reverse order, once (style.md §10).
 * A release that fails does not stop the others.
 */
export class Releases {
  readonly #stack: (() => unknown)[] = [];
  #released: Promise<void> | undefined;

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
        } catch {
          // Keep releasing: one stuck resource must not leak the others.
        }
      }
    })();
    return this.#released;
  }
}
