/**
 * Run retention (docs/retention.md): `CAESIUM_RUN_RETENTION` (a duration: finished runs
 * older than it go) and `CAESIUM_RUN_RETENTION_COUNT` (finished runs past this many newest
 * of their job go); either, both or neither (the default: nothing is pruned). Runs go in
 * batches of PRUNE_BATCH, each batch one transaction, so a sweep never holds the database
 * for long; a run that is not finished is never selected nor deleted.
 */
import type { Store } from '../../store/ports/store.js';
import { UsageError } from '../../errors.js';
import { parseDuration } from '../../jobdef/duration.js';

export interface RunRetention {
  maxAgeMs?: number;
  keepPerJob?: number;
}

const PRUNE_BATCH = 100;
/** A dry run or a response lists at most this many ids. */
const LISTED = 1000;

/** Reads the two variables; throws `UsageError` naming the bad one. */
export function runRetentionFromEnv(env: Record<string, string | undefined>): RunRetention {
  const out: RunRetention = {};
  const age = env.CAESIUM_RUN_RETENTION?.trim();
  if (age !== undefined && age !== '' && age !== '0') {
    const ms = parseDuration(age);
    if (ms === undefined || ms <= 0)
      throw new UsageError(`CAESIUM_RUN_RETENTION must be a duration like 720h or 30d; got "${age}"`, 'unset or 0 keeps runs of any age');
    out.maxAgeMs = ms;
  }
  const count = env.CAESIUM_RUN_RETENTION_COUNT?.trim();
  if (count !== undefined && count !== '' && count !== '0') {
    if (!/^\d+$/.test(count))
      throw new UsageError(
        `CAESIUM_RUN_RETENTION_COUNT must be a whole number of runs per job; got "${count}"`,
        'unset or 0 keeps any number',
      );
    out.keepPerJob = Number(count);
  }
  return out;
}

/** Whether the settings prune anything at all. */
export function prunes(r: RunRetention): boolean {
  return r.maxAgeMs !== undefined || r.keepPerJob !== undefined;
}

/** Prunes (or with `dryRun` lists) what `retention` selects, batch by batch; resolves with the ids, oldest first. */
export async function pruneRuns(
  store: Store,
  retention: RunRetention,
  options: { now: number; dryRun: boolean },
): Promise<{ count: number; ids: string[] }> {
  const criteria = {
    ...(retention.maxAgeMs === undefined ? {} : { finishedBefore: new Date(options.now - retention.maxAgeMs).toISOString() }),
    ...(retention.keepPerJob === undefined ? {} : { keepPerJob: retention.keepPerJob }),
  };
  if (options.dryRun) {
    const ids = await store.retention.prunable({ ...criteria, limit: Number.MAX_SAFE_INTEGER });
    return { count: ids.length, ids: ids.slice(0, LISTED) };
  }
  const ids: string[] = [];
  let count = 0;
  for (;;) {
    const batch = await store.retention.prunable({ ...criteria, limit: PRUNE_BATCH });
    if (batch.length === 0) break;
    const deleted = await store.retention.deleteRuns(batch);
    count += deleted;
    if (ids.length < LISTED) ids.push(...batch.slice(0, LISTED - ids.length));
    if (deleted === 0 || batch.length < PRUNE_BATCH) break;
    await new Promise((resolve) => setImmediate(resolve)); // let requests in between batches
  }
  return { count, ids };
}
