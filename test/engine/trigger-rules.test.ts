import { describe, expect, it } from 'vitest';
import type { TaskRunStatus } from '../../src/engine/ports/status.js';
import { evaluateTriggerRule, isKnownTolerantRule } from '../../src/engine/trigger-rules.js';
import { TRIGGER_RULES } from '../../src/jobdef/types.js';

type Outcome = 'run' | 'upstream failed' | 'not satisfied';

function outcome(rule: string, statuses: TaskRunStatus[]): Outcome {
  const d = evaluateTriggerRule(rule, statuses);
  if (d.run) return 'run';
  if (d.reason === 'upstream failed') return 'upstream failed';
  expect(d.reason).toBe(`trigger rule "${rule}" not satisfied`);
  return 'not satisfied';
}

describe('evaluateTriggerRule: every rule × one upstream outcome', () => {
  const table: Record<string, Record<'succeeded' | 'failed' | 'skipped' | 'cached' | 'cancelled', Outcome>> = {
    all_success: { succeeded: 'run', failed: 'upstream failed', skipped: 'not satisfied', cached: 'run', cancelled: 'not satisfied' },
    all_done: { succeeded: 'run', failed: 'run', skipped: 'run', cached: 'run', cancelled: 'run' },
    always: { succeeded: 'run', failed: 'run', skipped: 'run', cached: 'run', cancelled: 'run' },
    all_failed: {
      succeeded: 'not satisfied',
      failed: 'run',
      skipped: 'not satisfied',
      cached: 'not satisfied',
      cancelled: 'not satisfied',
    },
    one_success: { succeeded: 'run', failed: 'not satisfied', skipped: 'not satisfied', cached: 'run', cancelled: 'not satisfied' },
  };
  for (const rule of TRIGGER_RULES) {
    for (const [status, expected] of Object.entries(table[rule]!)) {
      it(`${rule} after ${status} → ${expected}`, () => {
        expect(outcome(rule, [status as TaskRunStatus])).toBe(expected);
      });
    }
  }
});

describe('evaluateTriggerRule: mixed upstream outcomes', () => {
  const cases: [string, TaskRunStatus[], Outcome][] = [
    ['all_success', ['succeeded', 'cached'], 'run'],
    ['all_success', ['succeeded', 'failed'], 'upstream failed'],
    ['all_success', ['succeeded', 'skipped'], 'not satisfied'],
    ['all_success', ['skipped', 'failed'], 'upstream failed'],
    ['all_done', ['succeeded', 'failed', 'skipped', 'cached'], 'run'],
    ['always', ['failed', 'failed'], 'run'],
    ['all_failed', ['failed', 'failed'], 'run'],
    ['all_failed', ['failed', 'skipped'], 'not satisfied'],
    ['all_failed', ['failed', 'succeeded'], 'not satisfied'],
    ['one_success', ['failed', 'succeeded'], 'run'],
    ['one_success', ['skipped', 'cached'], 'run'],
    ['one_success', ['failed', 'skipped'], 'not satisfied'],
  ];
  for (const [rule, statuses, expected] of cases) {
    it(`${rule} after [${statuses.join(', ')}] → ${expected}`, () => {
      expect(outcome(rule, statuses)).toBe(expected);
    });
  }

  it('runs a task without predecessors, whatever its rule', () => {
    for (const rule of TRIGGER_RULES) expect(evaluateTriggerRule(rule, [])).toEqual({ run: true });
  });

  it('ignores predecessors without an outcome', () => {
    expect(evaluateTriggerRule('all_success', ['succeeded', 'pending', 'running'])).toEqual({ run: true });
    expect(evaluateTriggerRule('all_failed', ['pending'])).toEqual({ run: true });
  });

  it('treats an unknown rule as all_success, naming it in the reason', () => {
    expect(evaluateTriggerRule('sometimes', ['succeeded'])).toEqual({ run: true });
    expect(evaluateTriggerRule('sometimes', ['skipped'])).toEqual({ run: false, reason: 'trigger rule "sometimes" not satisfied' });
    expect(evaluateTriggerRule('sometimes', ['failed'])).toEqual({ run: false, reason: 'upstream failed' });
  });

  it('knows the failure-tolerant rules', () => {
    expect(TRIGGER_RULES.filter(isKnownTolerantRule)).toEqual(['all_done', 'all_failed', 'one_success', 'always']);
  });
});
