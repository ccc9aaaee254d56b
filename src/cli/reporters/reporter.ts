/**
 * The one output interface of `caesium dev` (docs/architecture.md rule 6): plain CI lines,
 * the `--logs` stream and the ink view all consume the same engine events
 * through optional hooks. A reporter that throws never fails a run: the
 * fan-out reports its first error once and stops calling it.
 */
import type { EngineEvent } from '../../engine/ports/events.js';
import type { RunSummary } from '../../engine/run-types.js';
import type { Job } from '../../jobdef/types.js';

/** What every reporter knows about a run before it starts. */
export interface RunStart {
  job: Job;
  /** The `--path` values as given (the header joins them with ", "). */
  paths: readonly string[];
}

/** How a run ended: the engine's summary, or the error that kept the engine from finishing. */
export type RunOutcome = { kind: 'finished'; summary: RunSummary } | { kind: 'crashed'; error: string };

/** One output of a dev run; every hook is optional and may be async. */
export interface DevReporter {
  /** A definition is about to run. */
  onRunStart?(start: RunStart): void | Promise<void>;
  /** Every engine event (persisted lifecycle events and live `task_log` lines), in order. */
  onEvent?(event: EngineEvent): void;
  /** The run was asked to stop (Ctrl-C, a file change); its end follows. */
  onCancelRequested?(): void;
  /** The run ended; the reporter prints its results. */
  onRunEnd?(start: RunStart, outcome: RunOutcome): void | Promise<void>;
  /** Releases what the reporter holds (timers, the terminal). */
  close?(): void | Promise<void>;
}

/** Hook names, for messages. */
type Hook = keyof DevReporter;

/**
 * One reporter that forwards to `reporters` in order. A hook that throws or
 * rejects disables its reporter for the rest of the session; `onError` hears
 * about it once.
 */
export function fanOut(reporters: readonly DevReporter[], onError: (hook: Hook, error: unknown) => void): Required<DevReporter> {
  const broken = new Set<DevReporter>();
  const fail = (r: DevReporter, hook: Hook, error: unknown): void => {
    if (broken.has(r)) return;
    broken.add(r);
    try {
      onError(hook, error);
    } catch {
      // Reporting a broken reporter must not break the run either.
    }
  };
  const callSync = <K extends 'onEvent' | 'onCancelRequested'>(hook: K, ...args: Parameters<Required<DevReporter>[K]>): void => {
    for (const r of reporters) {
      if (broken.has(r)) continue;
      try {
        (r[hook] as ((...a: typeof args) => void) | undefined)?.(...args);
      } catch (error) {
        fail(r, hook, error);
      }
    }
  };
  const callAsync = async <K extends 'onRunStart' | 'onRunEnd' | 'close'>(
    hook: K,
    ...args: Parameters<Required<DevReporter>[K]>
  ): Promise<void> => {
    for (const r of reporters) {
      if (broken.has(r) && hook !== 'close') continue;
      try {
        await (r[hook] as ((...a: typeof args) => void | Promise<void>) | undefined)?.(...args);
      } catch (error) {
        fail(r, hook, error);
      }
    }
  };
  return {
    onRunStart: (start) => callAsync('onRunStart', start),
    onEvent: (event) => callSync('onEvent', event),
    onCancelRequested: () => callSync('onCancelRequested'),
    onRunEnd: (start, outcome) => callAsync('onRunEnd', start, outcome),
    close: () => callAsync('close'),
  };
}
