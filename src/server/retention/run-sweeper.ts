/** The background sweep of run retention (docs/retention.md): at start, then every SWEEP_MS. */
import type { Store } from '../../store/ports/store.js';
import { errorText } from '../../errors.js';
import { pruneRuns, prunes, type RunRetention } from './run-retention.js';

const SWEEP_MS = 10 * 60_000;

/** Starts sweeping when `retention` prunes anything; the returned function stops it and waits for a sweep in progress. */
export function startRunSweeper(
  store: Store,
  retention: RunRetention,
  log: (line: string) => void,
  now: () => number = Date.now,
): () => Promise<void> {
  if (!prunes(retention)) return () => Promise.resolve();
  let running: Promise<void> = Promise.resolve();
  const sweep = (): void => {
    running = running.then(async () => {
      try {
        const { count } = await pruneRuns(store, retention, { now: now(), dryRun: false });
        if (count > 0) log(`caesium server: pruned ${count} finished run(s) past the run retention`);
      } catch (error) {
        log(`caesium server: pruning runs failed: ${errorText(error)}`);
      }
    });
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    return running;
  };
}
