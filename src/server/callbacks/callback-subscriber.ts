/**
 * The bus subscriber that fires callbacks when a run ends: on `run_terminal`
 * of a `succeeded` or `failed` run (after its final status is persisted).
 * Cancelled runs fire none: the payload's status is `succeeded|failed` (docs/decisions.md §7),
 * and a shutdown cancels runs. Each run's callbacks go in the background, so
 * a slow receiver delays only its own run's callbacks, never another run's.
 */
import type { EngineEvent } from '../../engine/ports/events.js';
import type { BusSubscriber } from '../../observe/bus-subscriber.js';
import type { CallbackDispatcher } from './callback-dispatcher.js';

/** Creates the subscriber; `onError` hears about store failures while recording attempts. */
export function createCallbackSubscriber(dispatcher: CallbackDispatcher, onError: (runId: string, error: unknown) => void): BusSubscriber {
  const inFlight = new Set<Promise<void>>();
  const settle = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.all(inFlight);
  };
  return {
    name: 'callbacks',
    accepts: (event: EngineEvent) =>
      event.type === 'run_terminal' && (event.payload.status === 'succeeded' || event.payload.status === 'failed'),
    handle(event) {
      if (event.type !== 'run_terminal') return;
      const job = { id: event.jobId, alias: event.payload.job_alias };
      const done: Promise<void> = dispatcher.dispatch(event.runId, job).then(
        () => undefined,
        (error: unknown) => onError(event.runId, error),
      );
      const tracked = done.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    },
    flush: settle,
    async close() {
      dispatcher.abort();
      await settle();
    },
  };
}
