/**
 * One cron trigger's step of the scheduler's loop, as a pure decision: from
 * the job's cursor (the last slot handled), when its version was applied,
 * when the scheduler started and now, which slots fire, where the cursor
 * moves and when the trigger is due next. The scheduler (src/server/cron/)
 * moves the cursor with a compare-and-set and fires what this returns.
 *
 * - A job the scheduler has never seen owes slots from when it was applied or
 *   when the scheduler started, whichever is later.
 * - A changed expression or time zone starts the new schedule from its apply
 *   time (slots of the old schedule are not fired).
 * - Of the slots missed since the cursor, only the latest fires, unless the
 *   trigger sets `catchup: true`: then up to MAX_CATCHUP_SLOTS of the latest,
 *   oldest first, every one but the latest with `is_catchup=true`.
 */
import { dueSlots, logicalDate, nextSlot, type CronSchedule } from './cron-schedule.js';

/** Missed slots a `catchup: true` trigger replays at most. */
export const MAX_CATCHUP_SLOTS = 100;

/** A job's cursor as the store keeps it: the last slot handled and the schedule it belongs to. */
export interface CronCursor {
  /** ISO 8601. */
  lastSlot: string;
  /** `<expression>|<timezone>` (`CronSchedule.signature`). */
  schedule: string;
}

/** What the trigger's step does. */
export type CronStep =
  /** Nothing due and the cursor stays: wake at `nextAt`. */
  | { kind: 'wait'; nextAt: number }
  /**
   * Move the cursor to `to` (ms), then start a run per `fires` entry (none when
   * the cursor only rebased); `skipped` earlier missed slots were left out.
   */
  | { kind: 'advance'; to: number; fires: Record<string, string>[]; skipped: number; nextAt: number };

/** The step of `schedule` for a job whose cursor is `cursor` (undefined: never seen). Times in ms. */
export function planCronStep(
  schedule: CronSchedule,
  cursor: CronCursor | undefined,
  times: { appliedAtMs: number; startedAtMs: number; nowMs: number },
): CronStep {
  const { appliedAtMs, startedAtMs, nowMs } = times;
  let from: number;
  if (cursor === undefined) from = Math.max(appliedAtMs, startedAtMs);
  else if (cursor.schedule !== schedule.signature) from = Math.max(Date.parse(cursor.lastSlot), appliedAtMs);
  else from = Date.parse(cursor.lastSlot);
  const rebased = cursor === undefined || cursor.schedule !== schedule.signature || from !== Date.parse(cursor.lastSlot);

  const due = dueSlots(schedule, from, nowMs, schedule.catchup ? MAX_CATCHUP_SLOTS : 1);
  const latest = due.slots.at(-1);
  if (latest === undefined && !rebased) return { kind: 'wait', nextAt: nextSlot(schedule, from) };
  const to = latest ?? from;
  const fires = due.slots.map((slot, i) => {
    const params: Record<string, string> = { logical_date: logicalDate(slot) };
    if (schedule.catchup && i < due.slots.length - 1) params.is_catchup = 'true';
    return params;
  });
  return { kind: 'advance', to, fires, skipped: due.skipped, nextAt: nextSlot(schedule, to) };
}
