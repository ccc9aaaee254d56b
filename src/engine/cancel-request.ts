/**
 * Who cancels a run. A front door that cancels on someone's behalf (the
 * server's `POST …/cancel`) aborts the run's signal with a `RunCancellation`
 * as its reason; the engine records `by` on the run row and in the run's
 * `run_cancelled` event. Any other abort (Ctrl-C, a shutdown) names nobody.
 */

/** The abort reason of a run cancelled on request. */
export class RunCancellation extends Error {
  constructor(readonly by: string) {
    super(`run cancelled by ${by}`);
    this.name = 'RunCancellation';
  }
}

/** Who cancelled through `signal`, when its reason says. */
export function cancelledByOf(signal: AbortSignal): string | undefined {
  const reason: unknown = signal.reason;
  return reason instanceof RunCancellation ? reason.by : undefined;
}
