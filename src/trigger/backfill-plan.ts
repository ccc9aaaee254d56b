/**
 * Planning a backfill (docs/decisions.md §10): the slots of the job's cron trigger in
 * `[start, end)`, filtered by `reprocess` against the runs the job already
 * has for each `logical_date`.
 */
import { logicalDate, slotsInRange, type CronSchedule } from './cron-schedule.js';

/**
 * Which slots that already have runs a backfill runs again (the store keeps
 * the same three values on a backfill's row).
 */
export type Reprocess = 'none' | 'failed' | 'all';

/** The `reprocess` values, in the order the error message lists them. */
export const REPROCESS_VALUES: readonly Reprocess[] = ['none', 'failed', 'all'];

/** A backfill covers at most this many slots. */
export const MAX_BACKFILL_SLOTS = 10_000;

/**
 * Whether a slot runs, given the status of its newest run (`succeeded`,
 * `failed`, …; undefined when it has none): `none` skips a slot with any run,
 * `failed` skips one whose newest run succeeded, `all` keeps every slot.
 */
export function keepSlot(reprocess: Reprocess, latest: string | undefined): boolean {
  switch (reprocess) {
    case 'none':
      return latest === undefined;
    case 'failed':
      return latest !== 'succeeded';
    case 'all':
      return true;
  }
}

/** The `logical_date`s a backfill runs, in slot order. Throws `TooManySlotsError` past MAX_BACKFILL_SLOTS. */
export function planSlots(
  schedule: CronSchedule,
  range: { startMs: number; endMs: number },
  reprocess: Reprocess,
  latestByDate: ReadonlyMap<string, string>,
): string[] {
  const dates = slotsInRange(schedule, range.startMs, range.endMs, MAX_BACKFILL_SLOTS).map(logicalDate);
  return dates.filter((date) => keepSlot(reprocess, latestByDate.get(date)));
}
