/** When a job's cron trigger fires next, for the jobs list: none for other triggers, paused jobs or a bad schedule. */
import type { JobView } from '../job-views.js';
import { nextSlot, scheduleOf } from '../../trigger/cron-schedule.js';

/** The next fire time of `view` after `nowMs` (RFC 3339, UTC), or undefined. */
export function nextFireAt(view: JobView, nowMs: number): string | undefined {
  if (view.entry.paused || view.job.trigger.type !== 'cron') return undefined;
  const found = scheduleOf(view.job.trigger.configuration);
  return found.ok ? new Date(nextSlot(found.schedule, nowMs)).toISOString() : undefined;
}
