/**
 * docs/decisions.md D13: execution events are kept for `CAESIUM_EVENT_RETENTION` (default
 * 168h; Go durations plus `d`, docs/decisions.md D17). The server prunes older ones at start
 * and then periodically; `0` keeps events forever.
 */
import type { Store } from '../../store/ports/store.js';
import { UsageError, errorText } from '../../errors.js';
import { parseDuration } from '../../jobdef/duration.js';

export const DEFAULT_EVENT_RETENTION_MS = 168 * 3_600_000;
/** How often pruning runs: every 10 minutes, or every half retention when that is shorter. */
const MAX_PRUNE_INTERVAL_MS = 10 * 60_000;

/** Reads `CAESIUM_EVENT_RETENTION`; throws `UsageError` when it is not a duration. */
export function eventRetentionFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.CAESIUM_EVENT_RETENTION?.trim();
  if (raw === undefined || raw === '') return DEFAULT_EVENT_RETENTION_MS;
  const ms = raw === '0' ? 0 : parseDuration(raw);
  if (ms === undefined || ms < 0)
    throw new UsageError(`CAESIUM_EVENT_RETENTION must be a duration like 168h or 7d; got "${raw}"`, '0 keeps events forever');
  return ms;
}

export interface EventPrunerOptions {
  retentionMs: number;
  now?: () => number;
  /** Hears about each pruning that deleted rows, and each failure. */
  log?: (line: string) => void;
}

/** Prunes now and then periodically; the returned function stops it and waits for a pruning in progress. */
export function startEventPruner(store: Store, options: EventPrunerOptions): () => Promise<void> {
  if (options.retentionMs <= 0) return () => Promise.resolve();
  const now = options.now ?? Date.now;
  let running: Promise<void> = Promise.resolve();
  const prune = (): void => {
    running = running.then(async () => {
      try {
        const removed = await store.events.prune(new Date(now() - options.retentionMs).toISOString());
        if (removed > 0) options.log?.(`caesium server: pruned ${removed} execution event(s) older than the retention`);
      } catch (error) {
        options.log?.(`caesium server: pruning execution events failed: ${errorText(error)}`);
      }
    });
  };
  prune();
  const timer = setInterval(prune, Math.max(1000, Math.min(MAX_PRUNE_INTERVAL_MS, options.retentionMs / 2)));
  timer.unref();
  return () => {
    clearInterval(timer);
    return running;
  };
}
