/**
 * Keeps the process groups of running `local` tasks, from their events, so a
 * forced exit (a second Ctrl-C) can still kill them synchronously.
 * Containers cannot be removed synchronously; a forced exit may leave them.
 */
import type { EngineEvent } from '../../engine/ports/events.js';
import { signalGroup } from '../../runtime/local/process-group.js';
import type { DevReporter } from '../reporters/reporter.js';

/** A reporter that remembers which local process groups are running. */
export class ProcessTracker implements DevReporter {
  readonly #groups = new Map<string, number>();

  onEvent(event: EngineEvent): void {
    if (event.type === 'task_started') {
      const match = /^pid:(\d+)$/.exec(event.payload.runtime_id ?? '');
      if (match?.[1] !== undefined) this.#groups.set(event.payload.id, Number(match[1]));
    } else if (event.type === 'task_succeeded' || event.type === 'task_failed' || event.type === 'task_retrying') {
      this.#groups.delete(event.payload.id);
    }
  }

  onRunEnd(): void {
    this.#groups.clear();
  }

  /** Process-group ids still running. */
  get running(): number[] {
    return [...this.#groups.values()];
  }

  /** SIGKILLs every tracked group (synchronously); errors are ignored. */
  killAll(): void {
    for (const pgid of this.#groups.values()) {
      try {
        signalGroup(pgid, 'SIGKILL');
      } catch {
        // Gone or not ours: nothing left to do.
      }
    }
    this.#groups.clear();
  }
}
