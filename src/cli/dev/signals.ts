/**
 * SIGINT and SIGTERM for a dev session: the first one asks for a clean stop
 * (abort the run, wait for its processes and containers, close the runtimes);
 * any later one forces the exit at once.
 */

/** What to do on the first and on later signals. */
export interface InterruptHandlers {
  stop(signal: NodeJS.Signals): void;
  force(signal: NodeJS.Signals): void;
}

/** The emitter signals arrive on (`process`, or a test double). */
export interface SignalSource {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Installs the handlers; returns the function that removes them. While they
 * are installed Node does not exit on these signals by itself.
 */
export function onInterrupt(handlers: InterruptHandlers, source: SignalSource = process): () => void {
  let count = 0;
  const listener = (signal: NodeJS.Signals): void => {
    count += 1;
    if (count === 1) handlers.stop(signal);
    else handlers.force(signal);
  };
  for (const s of SIGNALS) source.on(s, listener);
  return () => {
    for (const s of SIGNALS) source.off(s, listener);
  };
}
