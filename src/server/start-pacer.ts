/**
 * Starting a local task blocks the event loop: `child_process.spawn` forks
 * the server process (milliseconds for a process of its size). With many runs
 * executing, starts queued one after another would hold back the HTTP
 * requests the same loop answers. The pacer lets one start through per turn
 * of the event loop, so admission (requests, their commits) interleaves with
 * execution instead of waiting behind a burst of spawns. Starts proceed in
 * FIFO order; an idle loop turns at once, so a lone start waits one turn.
 *
 * One per turn was measured best for trigger latency with bench/server.mjs
 * (3 and 8 per turn: p99 61 and 78 ms against 56–67 ms); more per turn only
 * shortens the time a burst of queued runs takes to drain (about 15%).
 */
import type { Runtime } from '../engine/ports/runtime.js';
import type { Engine } from '../jobdef/types.js';

/** Up to `perTurn` starts per event-loop turn, oldest first. */
export class StartPacer {
  readonly #waiting: (() => void)[] = [];
  readonly #perTurn: number;
  #scheduled = false;

  constructor(perTurn = 1) {
    this.#perTurn = Math.max(1, perTurn);
  }

  /** Resolves on the caller's turn. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#waiting.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      for (let i = 0; i < this.#perTurn; i++) this.#waiting.shift()?.();
      this.#schedule();
    });
  }
}

/** Engines whose `start` blocks the loop (a local spawn); container engines start over HTTP. */
const PACED: ReadonlySet<Engine> = new Set<Engine>(['local']);

/** `runtime` with its starts paced by `pacer` when its engine blocks the loop to start. */
export function pacedRuntime(runtime: Runtime, pacer: StartPacer): Runtime {
  if (!PACED.has(runtime.engine)) return runtime;
  const paced: Runtime = {
    engine: runtime.engine,
    start: async (task, signal) => {
      await pacer.turn();
      return runtime.start(task, signal);
    },
  };
  if (runtime.imageDigest !== undefined) paced.imageDigest = runtime.imageDigest.bind(runtime);
  return paced;
}
