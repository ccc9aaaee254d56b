/**
 * A cron trigger's schedule and its slots (docs/decisions.md §9, D4): five-field
 * expressions or `@hourly`-style descriptors, an IANA time zone (none means
 * UTC), iterated with cron-parser.
 *
 * Slots are always enumerated forward from a known point (the last slot
 * handled), never backwards: cron-parser's `next()` is the one sequence we
 * trust across DST changes (a wall time in the spring-forward gap fires once,
 * shifted past the gap; a daily wall time in the fall-back repeat fires once;
 * an hourly schedule fires every real hour). `prev()` is used only to find
 * the latest slots after a very long gap.
 */
import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { cronExpressionOf, cronProblem, expandCron, isValidTimeZone } from '../jobdef/cron.js';

export interface CronSchedule {
  /** Five fields (descriptors expanded). */
  expression: string;
  /** IANA zone; `UTC` when the trigger names none. */
  timezone: string;
  /** `configuration.catchup` (docs/decisions.md §9). */
  catchup: boolean;
  /** `<expression>|<timezone>`: what the scheduler's cursor belongs to. */
  signature: string;
}

/** The schedule of a cron trigger configuration, or why it has none. */
export function scheduleOf(configuration: Record<string, unknown>): { ok: true; schedule: CronSchedule } | { ok: false; problem: string } {
  const found = cronExpressionOf(configuration);
  if (found === undefined) return { ok: false, problem: 'cron trigger has no expression (expression, cron or schedule)' };
  const rawZone = configuration.timezone;
  const timezone = typeof rawZone === 'string' && rawZone.trim() !== '' ? rawZone.trim() : 'UTC';
  if (!isValidTimeZone(timezone)) return { ok: false, problem: `unknown time zone "${timezone}"` };
  const problem = cronProblem(found.expression, timezone);
  if (problem !== undefined) return { ok: false, problem: `invalid cron expression "${found.expression}": ${problem}` };
  const expression = expandCron(found.expression);
  const catchup = configuration.catchup === true || configuration.catchup === 'true';
  return { ok: true, schedule: { expression, timezone, catchup, signature: `${expression}|${timezone}` } };
}

/** cron-parser's iterator positioned at `fromMs` (its `next()` is the first slot strictly after). */
function iterator(schedule: CronSchedule, fromMs: number): CronExpression {
  return CronExpressionParser.parse(schedule.expression, { tz: schedule.timezone, currentDate: new Date(fromMs) });
}

/** The first slot strictly after `afterMs`. */
export function nextSlot(schedule: CronSchedule, afterMs: number): number {
  return iterator(schedule, afterMs).next().getTime();
}

/** Forward steps taken before `dueSlots` falls back to walking back from the end. */
const MAX_FORWARD_STEPS = 2000;

/**
 * The latest (at most `keep`) slots in `(afterMs, untilMs]`, oldest first,
 * and how many earlier slots in that range were left out.
 */
export function dueSlots(schedule: CronSchedule, afterMs: number, untilMs: number, keep: number): { slots: number[]; skipped: number } {
  const it = iterator(schedule, afterMs);
  const slots: number[] = [];
  let total = 0;
  for (let step = 0; step < MAX_FORWARD_STEPS; step++) {
    const slot = it.next().getTime();
    if (slot > untilMs) return { slots, skipped: total - slots.length };
    slots.push(slot);
    total++;
    if (slots.length > keep) slots.shift();
  }
  // A very long gap: take the latest slots walking back from the end.
  const back = iterator(schedule, untilMs + 1);
  const latest: number[] = [];
  while (latest.length < keep) {
    const slot = back.prev().getTime();
    if (slot <= afterMs) break;
    latest.unshift(slot);
  }
  return { slots: latest, skipped: Math.max(total, MAX_FORWARD_STEPS) };
}

/**
 * Backfill slots (docs/decisions.md §10): fire times in `[startMs, endMs)`, the
 * first being the next fire after `start − 1s`. Throws when there are more
 * than `limit`.
 */
export function slotsInRange(schedule: CronSchedule, startMs: number, endMs: number, limit: number): number[] {
  const it = iterator(schedule, startMs - 1000);
  const slots: number[] = [];
  for (;;) {
    const slot = it.next().getTime();
    if (slot >= endMs) return slots;
    if (slots.length === limit) throw new TooManySlotsError(limit);
    slots.push(slot);
  }
}

/** A backfill range with more slots than allowed. */
export class TooManySlotsError extends Error {
  constructor(readonly limit: number) {
    super(`the range holds more than ${limit} cron slots; narrow start and end`);
    this.name = 'TooManySlotsError';
  }
}

/** A slot as the `logical_date` run parameter: RFC 3339 in UTC, seconds precision (`2024-01-01T00:00:00Z`). */
export function logicalDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
