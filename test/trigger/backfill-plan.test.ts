import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../src/engine/ports/status.js';
import { keepSlot, MAX_BACKFILL_SLOTS, planSlots } from '../../src/trigger/backfill-plan.js';
import { scheduleOf, TooManySlotsError, type CronSchedule } from '../../src/trigger/cron-schedule.js';

function schedule(configuration: Record<string, unknown>): CronSchedule {
  const parsed = scheduleOf(configuration);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.schedule;
}

const range = (start: string, end: string): { startMs: number; endMs: number } => ({ startMs: Date.parse(start), endMs: Date.parse(end) });

describe('reprocess rules (docs/decisions.md §10)', () => {
  const cases: [string, RunStatus | undefined, boolean, boolean, boolean][] = [
    // latest run        none   failed  all
    ['no run', undefined, true, true, true],
    ['succeeded', 'succeeded', false, false, true],
    ['failed', 'failed', false, true, true],
    ['cancelled', 'cancelled', false, true, true],
    ['running', 'running', false, true, true],
  ];
  it.each(cases)('%s', (_name, latest, none, failed, all) => {
    expect(keepSlot('none', latest)).toBe(none);
    expect(keepSlot('failed', latest)).toBe(failed);
    expect(keepSlot('all', latest)).toBe(all);
  });
});

describe('planSlots', () => {
  const daily = schedule({ expression: '0 0 * * *' });
  const latest = new Map<string, RunStatus>([
    ['2024-01-01T00:00:00Z', 'succeeded'],
    ['2024-01-02T00:00:00Z', 'failed'],
  ]);
  const week = range('2024-01-01T00:00:00Z', '2024-01-05T00:00:00Z');

  it('plans every slot in [start, end) in order and filters by reprocess', () => {
    expect(planSlots(daily, week, 'all', latest)).toEqual([
      '2024-01-01T00:00:00Z',
      '2024-01-02T00:00:00Z',
      '2024-01-03T00:00:00Z',
      '2024-01-04T00:00:00Z',
    ]);
    expect(planSlots(daily, week, 'failed', latest)).toEqual(['2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z', '2024-01-04T00:00:00Z']);
    expect(planSlots(daily, week, 'none', latest)).toEqual(['2024-01-03T00:00:00Z', '2024-01-04T00:00:00Z']);
  });

  it('uses the trigger zone: midnight in Berlin across the spring-forward night', () => {
    const berlin = schedule({ expression: '@daily', timezone: 'Europe/Berlin' });
    expect(planSlots(berlin, range('2024-03-30T00:00:00Z', '2024-04-01T22:00:00Z'), 'all', new Map())).toEqual([
      '2024-03-30T23:00:00Z', // 2024-03-31 00:00 CET
      '2024-03-31T22:00:00Z', // 2024-04-01 00:00 CEST
    ]);
  });

  it('an empty range plans nothing; a huge one is refused', () => {
    expect(planSlots(daily, range('2024-01-01T00:00:01Z', '2024-01-01T23:59:59Z'), 'none', new Map())).toEqual([]);
    const minutely = schedule({ expression: '* * * * *' });
    expect(() => planSlots(minutely, range('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'), 'all', new Map())).toThrow(TooManySlotsError);
    expect(MAX_BACKFILL_SLOTS).toBe(10_000);
  });
});
