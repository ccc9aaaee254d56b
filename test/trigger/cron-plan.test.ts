import { describe, expect, it } from 'vitest';
import { MAX_CATCHUP_SLOTS, planCronStep } from '../../src/trigger/cron-plan.js';
import { scheduleOf, type CronSchedule } from '../../src/trigger/cron-schedule.js';

function schedule(configuration: Record<string, unknown>): CronSchedule {
  const parsed = scheduleOf(configuration);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.schedule;
}

const at = (iso: string): number => Date.parse(iso);
const hourly = schedule({ expression: '0 * * * *' });

describe('planCronStep', () => {
  it('waits for the next slot while nothing is due and the cursor is the schedule’s', () => {
    const cursor = { lastSlot: '2024-01-01T10:00:00.000Z', schedule: hourly.signature };
    const step = planCronStep(hourly, cursor, {
      appliedAtMs: at('2024-01-01T00:00:00Z'),
      startedAtMs: 0,
      nowMs: at('2024-01-01T10:30:00Z'),
    });
    expect(step).toEqual({ kind: 'wait', nextAt: at('2024-01-01T11:00:00Z') });
  });

  it('fires only the latest missed slot and counts the others as skipped', () => {
    const cursor = { lastSlot: '2024-01-01T10:00:00.000Z', schedule: hourly.signature };
    const step = planCronStep(hourly, cursor, { appliedAtMs: 0, startedAtMs: 0, nowMs: at('2024-01-01T13:10:00Z') });
    expect(step).toEqual({
      kind: 'advance',
      to: at('2024-01-01T13:00:00Z'),
      fires: [{ logical_date: '2024-01-01T13:00:00Z' }],
      skipped: 2,
      nextAt: at('2024-01-01T14:00:00Z'),
    });
  });

  it('replays missed slots with catchup, all but the latest marked is_catchup', () => {
    const catchup = schedule({ expression: '0 * * * *', catchup: true });
    const cursor = { lastSlot: '2024-01-01T10:00:00.000Z', schedule: catchup.signature };
    const step = planCronStep(catchup, cursor, { appliedAtMs: 0, startedAtMs: 0, nowMs: at('2024-01-01T12:10:00Z') });
    expect(step.kind === 'advance' && step.fires).toEqual([
      { logical_date: '2024-01-01T11:00:00Z', is_catchup: 'true' },
      { logical_date: '2024-01-01T12:00:00Z' },
    ]);
    expect(MAX_CATCHUP_SLOTS).toBe(100);
  });

  it('starts a new job from its apply time or the scheduler start, whichever is later, and moves the cursor there without firing', () => {
    const step = planCronStep(hourly, undefined, {
      appliedAtMs: at('2024-01-01T09:30:00Z'),
      startedAtMs: at('2024-01-01T10:15:00Z'),
      nowMs: at('2024-01-01T10:20:00Z'),
    });
    expect(step).toEqual({ kind: 'advance', to: at('2024-01-01T10:15:00Z'), fires: [], skipped: 0, nextAt: at('2024-01-01T11:00:00Z') });
  });

  it('starts a changed schedule from its apply time, not from the old cursor', () => {
    const cursor = { lastSlot: '2024-01-01T08:00:00.000Z', schedule: '0 0 * * *|UTC' };
    const step = planCronStep(hourly, cursor, {
      appliedAtMs: at('2024-01-01T10:30:00Z'),
      startedAtMs: 0,
      nowMs: at('2024-01-01T11:05:00Z'),
    });
    expect(step).toEqual({
      kind: 'advance',
      to: at('2024-01-01T11:00:00Z'),
      fires: [{ logical_date: '2024-01-01T11:00:00Z' }],
      skipped: 0,
      nextAt: at('2024-01-01T12:00:00Z'),
    });
  });
});
