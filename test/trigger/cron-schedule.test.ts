import { describe, expect, it } from 'vitest';
import {
  dueSlots,
  logicalDate,
  nextSlot,
  scheduleOf,
  slotsInRange,
  TooManySlotsError,
  type CronSchedule,
} from '../../src/trigger/cron-schedule.js';

function schedule(configuration: Record<string, unknown>): CronSchedule {
  const parsed = scheduleOf(configuration);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.schedule;
}

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

/** The first `n` slots strictly after `from`, each computed from the previous one (as the scheduler walks). */
function walk(s: CronSchedule, from: string, n: number): string[] {
  const out: string[] = [];
  let cursor = at(from);
  for (let i = 0; i < n; i++) out.push(iso((cursor = nextSlot(s, cursor))));
  return out;
}

describe('scheduleOf', () => {
  it('reads expression, cron or schedule, expands descriptors and defaults the zone to UTC', () => {
    expect(schedule({ expression: '*/5 * * * *' })).toEqual({
      expression: '*/5 * * * *',
      timezone: 'UTC',
      catchup: false,
      signature: '*/5 * * * *|UTC',
    });
    expect(schedule({ cron: '@hourly', timezone: 'Europe/Berlin' })).toMatchObject({ expression: '0 * * * *', timezone: 'Europe/Berlin' });
    expect(schedule({ schedule: '@daily', catchup: true })).toMatchObject({ expression: '0 0 * * *', catchup: true });
  });

  it('names what is wrong with a bad trigger instead of throwing', () => {
    expect(scheduleOf({})).toEqual({ ok: false, problem: 'cron trigger has no expression (expression, cron or schedule)' });
    expect(scheduleOf({ expression: '0 * * * *', timezone: 'Mars/Olympus' })).toEqual({
      ok: false,
      problem: 'unknown time zone "Mars/Olympus"',
    });
    const bad = scheduleOf({ expression: '61 * * * *' });
    expect(bad.ok).toBe(false);
    expect(scheduleOf({ expression: '* * * *' })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('expected 5 fields') as unknown,
    });
  });
});

describe('slots', () => {
  it('walks every slot in order, strictly after the cursor', () => {
    expect(walk(schedule({ expression: '*/20 * * * *' }), '2024-01-01T10:00:00Z', 4)).toEqual([
      '2024-01-01T10:20:00.000Z',
      '2024-01-01T10:40:00.000Z',
      '2024-01-01T11:00:00.000Z',
      '2024-01-01T11:20:00.000Z',
    ]);
  });

  it('fires at the wall time of the trigger zone', () => {
    expect(walk(schedule({ expression: '0 9 * * *', timezone: 'Asia/Tokyo' }), '2024-06-01T00:00:00Z', 2)).toEqual([
      '2024-06-02T00:00:00.000Z',
      '2024-06-03T00:00:00.000Z',
    ]);
    expect(walk(schedule({ expression: '0 9 * * *', timezone: 'America/New_York' }), '2024-06-01T00:00:00Z', 1)).toEqual([
      '2024-06-01T13:00:00.000Z',
    ]);
  });

  it('spring-forward (America/New_York): a daily wall time in the gap fires once, an hour late; hourly skips the missing hour', () => {
    expect(walk(schedule({ expression: '30 2 * * *', timezone: 'America/New_York' }), '2024-03-09T00:00:00Z', 3)).toEqual([
      '2024-03-09T07:30:00.000Z', // 02:30 EST
      '2024-03-10T07:30:00.000Z', // 02:30 does not exist: 03:30 EDT
      '2024-03-11T06:30:00.000Z', // 02:30 EDT
    ]);
    expect(walk(schedule({ expression: '0 * * * *', timezone: 'America/New_York' }), '2024-03-10T05:30:00Z', 3)).toEqual([
      '2024-03-10T06:00:00.000Z', // 01:00 EST
      '2024-03-10T07:00:00.000Z', // 03:00 EDT
      '2024-03-10T08:00:00.000Z',
    ]);
  });

  it('fall-back (America/New_York): a daily wall time in the repeated hour fires once; hourly fires every real hour', () => {
    expect(walk(schedule({ expression: '30 1 * * *', timezone: 'America/New_York' }), '2024-11-02T12:00:00Z', 2)).toEqual([
      '2024-11-03T05:30:00.000Z', // 01:30 EDT; the second 01:30 (EST) does not fire
      '2024-11-04T06:30:00.000Z',
    ]);
    expect(walk(schedule({ expression: '0 * * * *', timezone: 'America/New_York' }), '2024-11-03T04:30:00Z', 3)).toEqual([
      '2024-11-03T05:00:00.000Z', // 01:00 EDT
      '2024-11-03T06:00:00.000Z', // 01:00 EST
      '2024-11-03T07:00:00.000Z', // 02:00 EST
    ]);
  });

  it('Europe/Berlin: the gap and the repeat of 02:30 each fire once', () => {
    expect(walk(schedule({ expression: '30 2 * * *', timezone: 'Europe/Berlin' }), '2024-03-30T12:00:00Z', 2)).toEqual([
      '2024-03-31T01:30:00.000Z',
      '2024-04-01T00:30:00.000Z',
    ]);
    expect(walk(schedule({ expression: '30 2 * * *', timezone: 'Europe/Berlin' }), '2024-10-26T12:00:00Z', 2)).toEqual([
      '2024-10-27T00:30:00.000Z',
      '2024-10-28T01:30:00.000Z',
    ]);
  });

  it('dueSlots keeps the latest slots of a range and counts the rest', () => {
    const hourly = schedule({ expression: '@hourly' });
    expect(dueSlots(hourly, at('2024-01-01T10:00:00Z'), at('2024-01-01T13:30:00Z'), 1)).toEqual({
      slots: [at('2024-01-01T13:00:00Z')],
      skipped: 2,
    });
    expect(dueSlots(hourly, at('2024-01-01T10:00:00Z'), at('2024-01-01T13:00:00Z'), 5)).toEqual({
      slots: [at('2024-01-01T11:00:00Z'), at('2024-01-01T12:00:00Z'), at('2024-01-01T13:00:00Z')],
      skipped: 0,
    });
    expect(dueSlots(hourly, at('2024-01-01T10:00:00Z'), at('2024-01-01T10:59:59Z'), 1)).toEqual({ slots: [], skipped: 0 });
    // A gap longer than the forward walk: the latest slot is still found.
    const minutely = schedule({ expression: '* * * * *' });
    expect(dueSlots(minutely, at('2024-01-01T00:00:00Z'), at('2024-03-01T00:00:30Z'), 1).slots).toEqual([at('2024-03-01T00:00:00Z')]);
  });

  it('slotsInRange: [start, end), a slot at start included, a slot at end excluded', () => {
    const hourly = schedule({ expression: '0 * * * *' });
    expect(slotsInRange(hourly, at('2024-01-01T00:00:00Z'), at('2024-01-01T03:00:00Z'), 100).map(logicalDate)).toEqual([
      '2024-01-01T00:00:00Z',
      '2024-01-01T01:00:00Z',
      '2024-01-01T02:00:00Z',
    ]);
    expect(slotsInRange(hourly, at('2024-01-01T00:00:01Z'), at('2024-01-01T01:00:01Z'), 100).map(logicalDate)).toEqual([
      '2024-01-01T01:00:00Z',
    ]);
    expect(() => slotsInRange(hourly, at('2024-01-01T00:00:00Z'), at('2024-02-01T00:00:00Z'), 10)).toThrow(TooManySlotsError);
  });

  it('logical_date is RFC 3339 UTC with seconds', () => {
    expect(logicalDate(at('2024-03-10T07:30:00.000Z'))).toBe('2024-03-10T07:30:00Z');
  });
});
